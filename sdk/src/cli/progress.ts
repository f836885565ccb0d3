import logUpdate from "log-update";
import pc from "picocolors";
import type { GroupProgress } from "../deploy/watch.js";

/**
 * Deployment progress per group: redrawn in place on a terminal, plain lines (only when
 * something changed) otherwise, so CI logs stay readable.
 */
export class ProgressDisplay {
  #last = "";
  readonly #tty = Boolean(process.stdout.isTTY);

  update(jobId: string, groups: GroupProgress[]): void {
    const text = groups.map((g) => `${jobId} › ${g.group}: ${describe(g)}`).join("\n");
    if (text === this.#last) return;
    this.#last = text;
    if (this.#tty) logUpdate(text);
    else process.stdout.write(`${text}\n`);
  }

  /** Leaves the last frame on screen. */
  done(): void {
    if (this.#tty) logUpdate.done();
    this.#last = "";
  }
}

function describe(g: GroupProgress): string {
  const parts = [`${g.placed}/${g.desired} placed`, pc.green(`${g.healthy} healthy`)];
  if (g.unhealthy > 0) parts.push(pc.red(`${g.unhealthy} unhealthy`));
  if (g.desiredCanaries > 0)
    parts.push(`${g.canaries}/${g.desiredCanaries} canaries${g.promoted ? " (promoted)" : ""}`);
  return parts.join(", ");
}
