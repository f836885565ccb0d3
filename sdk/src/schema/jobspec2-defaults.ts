// Values Nomad's HCL parser (jobspec2) fills in while parsing, before any server-side
// Canonicalize(). Synth applies the same ones so that our JSON equals what jobspec2 makes
// of our HCL. Keys are spec keys (camelCase HCL names) per schema type.

export const JOBSPEC2_DEFAULTS: Record<string, Record<string, unknown>> = {
  Constraint: { operator: "=" },
  Affinity: { operator: "=" },
  Template: { changeMode: "restart", perms: "0644", splay: "5s", errorOnMissingKey: false },
  ChangeScript: { args: [], timeout: "5s", failOnError: false },
  Vault: { env: true, disableFile: false, changeMode: "restart" },
};

// The placement shorthands jobspec2 accepts in constraint and affinity blocks (`version =
// ">= 1.2"`) are in the schema's semantics: placementShorthands() in semantics.ts.

/** The blocks a job file may hold at its top level; jobspec2 reads variables and locals first. */
export const JOB_FILE_BLOCKS = ["job", "variable", "variables", "locals"] as const;

/** Group scaling blocks without a type are horizontal (task scaling blocks name their own). */
export const GROUP_SCALING_TYPE = "horizontal";

/** jobspec2 sets the periodic spec type to "cron" whenever `cron` or `crons` is given. */
export const PERIODIC_SPEC_TYPE = "cron";
