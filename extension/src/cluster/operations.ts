// The cluster commands as plain functions over a NomadClient, so they are tested against a
// real agent without an editor. The VS Code glue (commands.ts) only shows what they return.

import { type JobBody, NomadApiError, type NomadClient, NomadConnectionError } from "nomadkit/api";
import { type GroupProgress, type JobPlan, planJob, renderPlan, watchEvaluation } from "nomadkit/deploy";
import { parse } from "nomadkit/hcl";
import { decodeJob } from "nomadkit/jobspec";
import { type CallOptions, CancelledError, ClusterTimeoutError, untilAborted } from "./deadline.js";

export { type CallOptions, CancelledError, ClusterTimeoutError, deadline } from "./deadline.js";

/** A problem in the job file, with 1-based line/column like the rest of nomadkit. */
export interface FileProblem {
  message: string;
  line: number;
  column: number;
  severity: "error" | "warning";
}

export type Decoded =
  | { job: JobBody; problems: FileProblem[] }
  | { job?: undefined; problems: FileProblem[] };

/** The job file as the API JSON Nomad accepts, or the reasons it can't be sent. */
export function decodeJobFile(text: string): Decoded {
  const parsed = parse(text, { mode: "hcl2" });
  const decoded = decodeJob(parsed.file);
  const problems: FileProblem[] = [...parsed.errors, ...decoded.diagnostics].map((d) => ({
    message: d.message,
    line: d.range.start.line,
    column: d.range.start.column,
    severity: d.severity === "warning" ? "warning" : "error",
  }));
  if (!decoded.job || problems.some((p) => p.severity === "error")) return { problems };
  return { job: decoded.job as JobBody, problems };
}

export interface ClusterValidation {
  errors: string[];
  warnings: string[];
}

/** Nomad's own validation (`PUT /v1/validate/job`), the check `nomad job validate` runs. */
export async function validateOnCluster(
  nomad: NomadClient,
  job: JobBody,
  options: CallOptions = {},
): Promise<ClusterValidation> {
  const { data } = await nomad.jobs.validate(job, signalOf(options));
  const errors = [...(data.ValidationErrors ?? [])];
  if (data.Error && errors.length === 0) errors.push(data.Error);
  const warnings = data.Warnings ? data.Warnings.split("\n").filter((w) => w.trim() !== "") : [];
  return { errors: errors.flatMap(splitMultiError), warnings };
}

/** Nomad joins several errors as "2 errors occurred:\n\t* a\n\t* b"; one per line reads better. */
function splitMultiError(message: string): string[] {
  const items = message
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("* "))
    .map((l) => l.slice(2));
  return items.length > 0 ? items : [message];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing terminal colour codes
const ANSI = /\u001b\[[0-9;]*m/g;

/** The plan as `nomad job plan` shows it, and the index to run it with. */
export async function planText(
  nomad: NomadClient,
  job: JobBody,
  options: CallOptions = {},
): Promise<{ plan: JobPlan; text: string }> {
  const plan = await untilAborted(
    planJob(nomad, job, options.signal ? { signal: options.signal } : {}),
    options.signal,
  );
  // renderPlan ends with the Job Modify Index; `nomad job plan` puts the dry run before it.
  const diff = renderPlan(plan)
    .map((l) => l.replace(ANSI, ""))
    .filter((l) => !/^\s*Job Modify Index:/.test(l));
  const unplaced = Object.keys(plan.response.FailedTGAllocs ?? {}).length > 0;
  const lines = [
    ...diff,
    "",
    "Scheduler dry-run:",
    unplaced ? "- WARNING: Failed to place all allocations." : "- All tasks successfully allocated.",
    plan.allocationsChange
      ? "- Allocations will be created, replaced or stopped."
      : "- No allocation changes.",
    "",
    `Job Modify Index: ${plan.jobModifyIndex}`,
  ];
  return { plan, text: `${lines.join("\n")}\n` };
}

export type RunOutcome = { ok: true; summary: string } | { ok: false; summary: string; details: string[] };

/**
 * Registers the job with check-index (the plan's JobModifyIndex, so a job changed since the
 * plan is refused) and follows its evaluation and deployment to the end.
 */
export async function runJob(
  nomad: NomadClient,
  job: JobBody,
  options: { enforceIndex: number; onProgress?: (line: string) => void; signal?: AbortSignal },
): Promise<RunOutcome> {
  const { data } = await nomad.jobs.register(job, {
    enforceIndex: options.enforceIndex,
    ...signalOf(options),
  });
  options.onProgress?.(`registered, evaluation ${data.EvalID.slice(0, 8)}`);
  if (!data.EvalID)
    return { ok: true, summary: `Job "${job.ID}" registered (no evaluation: periodic or parameterized).` };
  const outcome = await watchEvaluation(nomad, data.EvalID, {
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (groups) => options.onProgress?.(progressLine(groups)),
    waitMs: 5_000,
    failFast: true,
  });
  if (outcome.status === "successful")
    return { ok: true, summary: `Job "${job.ID}": ${outcome.description}` };
  if (outcome.status === "unplaceable") {
    return {
      ok: false,
      summary: `Job "${job.ID}" could not be placed: ${outcome.description}`,
      details: outcome.placement.flatMap((p) => [
        `Task group "${p.group}": ${p.count === 1 ? "1 allocation" : `${p.count} allocations`} not placed`,
        ...p.reasons.map((r) => `  ${r}`),
      ]),
    };
  }
  const details: string[] = [];
  for (const alloc of outcome.failures) {
    details.push(`Allocation ${alloc.allocationId.slice(0, 8)} (${alloc.name}) ${alloc.clientStatus}`);
    for (const task of alloc.tasks) {
      details.push(`  Task "${task.task}" ${task.state}`);
      for (const e of task.events) details.push(`    event: ${e}`);
      if (task.stderrTail.length > 0)
        details.push("    stderr:", ...task.stderrTail.map((l) => `      ${l}`));
    }
  }
  return {
    ok: false,
    summary:
      outcome.status === "allocation-failed"
        ? `Job "${job.ID}": ${outcome.description}`
        : `Job "${job.ID}" deployment ${outcome.status}: ${outcome.description}`,
    details,
  };
}

function progressLine(groups: GroupProgress[]): string {
  return groups
    .map(
      (g) =>
        `${g.group}: ${g.healthy}/${g.desired} healthy${g.unhealthy > 0 ? `, ${g.unhealthy} unhealthy` : ""}`,
    )
    .join(", ");
}

/** `nomad job status`, short: status, version, and each group's allocation counts. */
export async function jobStatusText(
  nomad: NomadClient,
  jobId: string,
  options: CallOptions = {},
): Promise<string> {
  const { data: job } = await nomad.jobs.read(jobId, signalOf(options));
  const { data: allocs } = await nomad.allocations.listForJob(jobId, signalOf(options));
  const lines = [
    `ID        = ${job.ID}`,
    `Type      = ${job.Type}`,
    `Status    = ${job.Status}`,
    `Version   = ${job.Version}`,
    `Namespace = ${job.Namespace}`,
    "",
    "Allocations",
  ];
  for (const a of allocs)
    lines.push(
      `  ${a.ID.slice(0, 8)}  ${a.TaskGroup}  v${a.JobVersion}  ${a.DesiredStatus}/${a.ClientStatus}`,
    );
  if (allocs.length === 0) lines.push("  none");
  return `${lines.join("\n")}\n`;
}

function signalOf(options: CallOptions): { signal?: AbortSignal } {
  return options.signal ? { signal: options.signal } : {};
}

/** The job's page in Nomad's web UI. */
export function jobUiUrl(uiAddress: string, jobId: string, namespace = "default"): string {
  const base = uiAddress.replace(/\/+$/, "");
  return `${base}/ui/jobs/${encodeURIComponent(`${jobId}@${namespace}`)}`;
}

/**
 * A message for a failed cluster call that says what to do, and never contains the token
 * (removed even if a proxy echoed it back).
 */
export function describeClusterError(err: unknown, token: string | undefined): string {
  let message: string;
  if (err instanceof ClusterTimeoutError || err instanceof CancelledError) {
    message = err.message;
  } else if (err instanceof NomadApiError && (err.status === 403 || err.status === 401) && !token) {
    message = `This cluster needs an ACL token and none is set (${err.status} ${err.nomadMessage || "Permission denied"}). Set one with "Nomad: Set ACL Token".`;
  } else if (err instanceof NomadApiError && (err.status === 403 || err.status === 401)) {
    message = `Nomad refused the ACL token (${err.status} ${err.nomadMessage || "Permission denied"}). Set a valid one with "Nomad: Set ACL Token".`;
  } else if (err instanceof NomadApiError && err.isConflict) {
    message = `The job changed on the cluster since the plan (check-index ${err.nomadMessage}). Plan again, then run.`;
  } else if (err instanceof NomadConnectionError) {
    message = `Cannot reach Nomad: ${err.message}. Check nomadkit.cluster.address and the TLS settings.`;
  } else {
    message = err instanceof Error ? err.message : String(err);
  }
  return token ? message.split(token).join("<token>") : message;
}

export type ClusterHealth =
  | { reachable: false; message: string }
  | { reachable: true; tokenValid: boolean | undefined; leader: string };

/** For the status bar: is the cluster reachable, and does it accept the token? */
export async function clusterHealth(
  nomad: NomadClient,
  token: string | undefined,
  options: CallOptions = {},
): Promise<ClusterHealth> {
  try {
    const { data: leader } = await nomad.leader(signalOf(options));
    if (!token) return { reachable: true, tokenValid: undefined, leader };
    try {
      await nomad.acl.tokenSelf(signalOf(options));
      return { reachable: true, tokenValid: true, leader };
    } catch (err) {
      // 400 "ACL support disabled": any token is accepted.
      if (err instanceof NomadApiError && err.status === 400)
        return { reachable: true, tokenValid: true, leader };
      if (err instanceof NomadApiError && (err.status === 403 || err.status === 401 || err.status === 404))
        return { reachable: true, tokenValid: false, leader };
      throw err;
    }
  } catch (err) {
    return { reachable: false, message: describeClusterError(err, token) };
  }
}
