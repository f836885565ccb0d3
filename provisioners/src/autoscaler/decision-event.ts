// Every decision the autoscaler makes, with its reason and numbers, as one structured event.
// The runtime logs them; tests assert on them; `message` is the line a person reads.

import type { NodeGroupErrorKind } from "../cloud/node-groups.js";

export type DecisionAction =
  /** The group's desired size was raised. */
  | "scale-up"
  /** Nodes were chosen for removal and marked ineligible. */
  | "scale-down"
  /** Evaluated, nothing to do. */
  | "none"
  /** Wanted to act, but a cooldown is running. */
  | "cooldown"
  | "drain"
  | "cancel-drain"
  | "terminate"
  | "purge"
  /** Queued work no pool can take, reported instead of scaled for. */
  | "unplaceable"
  /** Launched instances never joined in time: counted failed. */
  | "provisioning-timeout"
  /** The pool won't grow until the time in `numbers.untilMs`. */
  | "backoff"
  | "error";

export interface DecisionEvent {
  readonly at: number;
  readonly pool: string;
  readonly action: DecisionAction;
  readonly reason: string;
  /** `pool "gpu": up 0 → 2: …` */
  readonly message: string;
  /** Active node counts before and after, for scale decisions. */
  readonly from?: number;
  readonly to?: number;
  /** Node IDs (or instance IDs) acted on. */
  readonly nodes?: readonly string[];
  readonly numbers?: Readonly<Record<string, number>>;
  /** Set when the event reports a new failure: the cloud's error kind, or instances that never joined. */
  readonly failure?: NodeGroupErrorKind | "provisioning-timeout";
  /** Decided but not carried out, because the autoscaler runs with dryRun. */
  readonly dryRun?: boolean;
}

export type DecisionFields = Omit<DecisionEvent, "at" | "message" | "dryRun">;

const VERB: Record<DecisionAction, string> = {
  "scale-up": "up",
  "scale-down": "down",
  none: "no change",
  cooldown: "cooldown",
  drain: "drain",
  "cancel-drain": "cancel drain",
  terminate: "terminate",
  purge: "purge",
  unplaceable: "unplaceable",
  "provisioning-timeout": "provisioning timeout",
  backoff: "backing off",
  error: "error",
};

export function decisionEvent(fields: DecisionFields, at: number, dryRun: boolean): DecisionEvent {
  const counts = fields.from !== undefined && fields.to !== undefined ? ` ${fields.from} → ${fields.to}` : "";
  const nodes = fields.nodes && fields.nodes.length > 0 ? ` [${fields.nodes.join(", ")}]` : "";
  const dry = dryRun ? " (dry run)" : "";
  const message = `pool "${fields.pool}": ${VERB[fields.action]}${counts}${nodes}: ${fields.reason}${dry}`;
  return { ...fields, at, message, ...(dryRun ? { dryRun } : {}) };
}
