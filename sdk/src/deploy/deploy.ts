import { NomadApiError } from "../api/errors.js";
import type { NomadClient } from "../api/index.js";
import { print } from "../hcl/printer.js";
import { encodeJob } from "../jobspec/encode.js";
import type { SynthResult } from "../synth/synth.js";
import type { DeployProblem } from "./cluster-support.js";
import { OWNER_META } from "./ownership.js";
import { type JobPlan, planJob } from "./plan.js";
import { ownerFor, preflight } from "./preflight.js";
import type { ResourcePlan, VariableSources } from "./resource-plan.js";
import { applyResource, type ResourceResult } from "./resources.js";
import { type GroupProgress, type WatchOutcome, watchEvaluation } from "./watch.js";

export { OWNER_META } from "./ownership.js";

export interface DeployOptions {
  app: string;
  environment?: string;
  /** Recorded in job meta; changes the job when it changes. */
  version?: string;
  promote?: boolean;
  /** Register each job and return without following its deployment (like `nomad job run -detach`). */
  detach?: boolean;
  /** Stop jobs this app owns in this environment that the code no longer has. */
  prune?: boolean;
  /** Take over jobs whose owner meta names another app or environment. */
  adopt?: boolean;
  /** Where the values of the app's Nomad Variables come from (besides Nomad itself). */
  variables?: VariableSources;
  /** Called as the deploy goes; a returned promise is awaited (tests use this to race a change). */
  onEvent?: (event: DeployEvent) => void | Promise<void>;
  /**
   * Stops watching (Ctrl-C, a timeout): the deployment in flight goes on in the cluster,
   * and jobs not yet registered are left alone. Its reason is reported.
   */
  signal?: AbortSignal;
}

export type DeployEvent =
  | { type: "preflight"; resources: ResourcePlan[]; adopted: Array<{ jobId: string; from: string }> }
  | { type: "resource"; result: ResourceResult }
  | { type: "plan"; plan: JobPlan }
  | { type: "registered"; jobId: string; evalId: string }
  | { type: "progress"; jobId: string; groups: GroupProgress[] }
  | { type: "pruned"; jobId: string };

export type JobOutcome =
  | { jobId: string; status: "unchanged" }
  | { jobId: string; status: "refused"; message: string }
  /** Registered, with nothing to wait for: periodic and parameterized jobs, or --detach. */
  | { jobId: string; status: "registered"; description: string }
  /** The watch was stopped; the deployment goes on without us. */
  | { jobId: string; status: "stopped-watching"; description: string }
  /** Never registered, because the deploy was stopped before its turn. */
  | { jobId: string; status: "not-registered"; description: string }
  | ({ jobId: string } & WatchOutcome);

export interface DeployResult {
  /** What stopped the deploy before it wrote anything (then everything else is empty). */
  problems: DeployProblem[];
  resources: ResourceResult[];
  jobs: JobOutcome[];
  pruned: string[];
  /** 0 when every job deployed or was unchanged, 1 otherwise. */
  exitCode: number;
}

/**
 * Applies an app: checks first (what the cluster supports, who owns each job, every
 * variable's values) and writes nothing if any fails; then namespaces, node pools,
 * volumes, variables and ACL policies as planned, then each job with
 * check-index at the index its plan saw, its HCL as the submission, and ownership in
 * its meta; then follows each deployment to the end.
 */
export async function deployApp(
  client: NomadClient,
  synth: SynthResult,
  options: DeployOptions,
): Promise<DeployResult> {
  const emit = options.onEvent ?? (() => {});
  const checked = await preflight(client, synth, options);
  if (checked.problems.length > 0)
    return { problems: checked.problems, resources: [], jobs: [], pruned: [], exitCode: 1 };
  await emit({ type: "preflight", resources: checked.steps.map((s) => s.plan), adopted: checked.adopted });
  const resources: ResourceResult[] = [];
  for (const step of checked.steps) {
    const result = await applyResource(client, step);
    resources.push(result);
    await emit({ type: "resource", result });
  }
  const owner = ownerFor(options);
  const jobs: JobOutcome[] = [];
  for (const synthesized of synth.jobs) {
    const job = withOwner(synthesized.payload.Job, { ...owner(synthesized), version: options.version });
    const jobId = String(job.ID);
    if (options.signal?.aborted) {
      jobs.push({
        jobId,
        status: "not-registered",
        description: `deploy stopped: ${reasonOf(options.signal)}`,
      });
      continue;
    }
    const namespace = typeof job.Namespace === "string" ? { namespace: job.Namespace } : {};
    const plan = await planJob(client, job);
    await emit({ type: "plan", plan });
    if (!plan.changed) {
      jobs.push({ jobId, status: "unchanged" });
      continue;
    }
    let evalId: string;
    try {
      const { data } = await client.jobs.register(job, {
        ...namespace,
        enforceIndex: plan.jobModifyIndex,
        submission: { Source: print(encodeJob(job)), Format: "hcl2" },
      });
      evalId = data.EvalID;
    } catch (error) {
      if (error instanceof NomadApiError && error.isConflict) {
        jobs.push({
          jobId,
          status: "refused",
          message:
            `job "${jobId}" changed on the cluster after it was planned (check-index ${plan.jobModifyIndex}), so nothing was ` +
            "registered: run `nomadkit plan` to see the other change, then deploy again",
        });
        continue;
      }
      throw error;
    }
    await emit({ type: "registered", jobId, evalId });
    if (!evalId) {
      // Periodic and parameterized jobs get no evaluation until they launch or are dispatched.
      jobs.push({ jobId, status: "registered", description: launchNote(job, plan) });
      continue;
    }
    if (options.detach) {
      jobs.push({
        jobId,
        status: "registered",
        description: `evaluation ${evalId}; not following it (--detach)`,
      });
      continue;
    }
    try {
      const outcome = await watchEvaluation(client, evalId, {
        ...(options.promote ? { promote: true } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (groups) => void emit({ type: "progress", jobId, groups }),
      });
      jobs.push({ jobId, ...outcome });
    } catch (error) {
      if (!options.signal?.aborted) throw error;
      jobs.push({
        jobId,
        status: "stopped-watching",
        description: `${reasonOf(options.signal)}; the deployment goes on in the cluster: follow it with \`nomadkit status ${jobId}\``,
      });
    }
  }
  const pruned = options.prune ? await prune(client, synth, options) : [];
  for (const jobId of pruned) await emit({ type: "pruned", jobId });
  const ok = jobs.every(
    (j) => j.status === "unchanged" || j.status === "successful" || j.status === "registered",
  );
  return { problems: [], resources, jobs, pruned, exitCode: ok ? 0 : 1 };
}

/** What happens next to a job that registering did not start: when it launches, or how to dispatch it. */
function launchNote(job: Record<string, unknown>, plan: JobPlan): string {
  const periodic = job.Periodic as { Enabled?: boolean } | undefined;
  if (job.ParameterizedJob)
    return `parameterized job registered; start a run with \`nomad job dispatch ${String(job.ID)}\``;
  if (periodic && periodic.Enabled !== false) {
    const next = plan.response.NextPeriodicLaunch;
    const when = next && !next.startsWith("0001-") ? `next launch ${next}` : "no launch scheduled";
    return `periodic job registered; ${when}`;
  }
  return "registered";
}

function reasonOf(signal: AbortSignal): string {
  const reason = signal.reason as unknown;
  return reason instanceof Error ? reason.message : String(reason ?? "stopped");
}

/** The job as deploy registers it: with the owner meta, so plan and deploy see the same job. */
export function withOwner(
  job: Record<string, unknown>,
  options: { app: string; environment?: string | undefined; version?: string | undefined },
): Record<string, unknown> {
  const meta: Record<string, string> = { ...((job.Meta as Record<string, string> | undefined) ?? {}) };
  meta[OWNER_META.app] = options.app;
  if (options.environment) meta[OWNER_META.environment] = options.environment;
  if (options.version) meta[OWNER_META.version] = options.version;
  return { ...job, Meta: meta };
}

async function prune(client: NomadClient, synth: SynthResult, options: DeployOptions): Promise<string[]> {
  const wanted = new Set(synth.jobs.map((j) => `${String(j.payload.Job.Namespace ?? "default")}/${j.id}`));
  const { data: stubs } = await client.jobs.list({ meta: true, namespace: "*" });
  const stale = stubs.filter((stub) => {
    const meta = (stub as { Meta?: Record<string, string> }).Meta ?? {};
    // Without --env the whole app was deployed: its jobs in every environment are candidates.
    const owned =
      meta[OWNER_META.app] === options.app &&
      (options.environment === undefined || meta[OWNER_META.environment] === options.environment);
    return owned && stub.Status !== "dead" && !wanted.has(`${stub.Namespace}/${stub.ID}`);
  });
  for (const stub of stale) await client.jobs.deregister(stub.ID, { namespace: stub.Namespace });
  return stale.map((s) => s.ID);
}
