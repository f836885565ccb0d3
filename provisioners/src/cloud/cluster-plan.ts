// A plan of cloud changes, whatever the cloud: the steps apply carries out (each cloud's own),
// what they change per group for people, and how that reads.

/** What a plan does to one group (the servers, a pool), for people and `--json`. */
export interface GroupChange {
  readonly key: string;
  readonly label: string;
  readonly action: "create" | "update" | "delete";
  readonly details: readonly string[];
}

export interface CloudPlan<Step> {
  readonly steps: readonly Step[];
  readonly changes: readonly GroupChange[];
  readonly unchanged: readonly string[];
}

/** `+ pool "gpu" (create)` lines with their details; the unchanged groups last. */
export function formatPlan(plan: Omit<CloudPlan<unknown>, "steps">): string {
  if (plan.changes.length === 0) return `No changes: ${plan.unchanged.join(", ") || "nothing"} up to date.\n`;
  const sign = { create: "+", update: "~", delete: "-" } as const;
  let out = "";
  for (const c of plan.changes) {
    out += `${sign[c.action]} ${c.label} (${c.action})\n`;
    for (const d of c.details) out += `    ${d}\n`;
  }
  if (plan.unchanged.length > 0) out += `  unchanged: ${plan.unchanged.join(", ")}\n`;
  return out;
}
