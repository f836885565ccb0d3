// Everything deploy checks before it writes anything: what the cluster supports, who owns
// each job, and what each resource needs (a variable's values). Plan shows the same.
import type { NomadClient } from "../api/index.js";
import type { SynthesizedJob, SynthResult } from "../synth/synth.js";
import { type ClusterSupport, clusterSupport, type DeployProblem, unsupported } from "./cluster-support.js";
import { describeOwner, foreignJobs, type Owner, ownershipProblem } from "./ownership.js";
import { planResource, type ResourceStep, type VariableSources } from "./resource-plan.js";

export interface PreflightOptions {
  app: string;
  /** The environment deployed; each job's own environment wins. */
  environment?: string;
  /** Take over jobs another app or environment owns. */
  adopt?: boolean;
  variables?: VariableSources;
}

export interface Preflight {
  support: ClusterSupport;
  /** Every non-job resource with its planned action, in apply order. */
  steps: ResourceStep[];
  /** What stops the deploy; when any, deploy writes nothing. */
  problems: DeployProblem[];
  /** Jobs --adopt takes over, with their previous owner. */
  adopted: Array<{ jobId: string; from: string }>;
}

/** The owner deploy records on a job: the app, and the job's environment. */
export function ownerFor(options: Pick<PreflightOptions, "app" | "environment">) {
  return (job: SynthesizedJob): Owner => {
    const environment = job.environment ?? options.environment;
    return environment ? { app: options.app, environment } : { app: options.app };
  };
}

export async function preflight(
  client: NomadClient,
  synth: SynthResult,
  options: PreflightOptions,
): Promise<Preflight> {
  const support = await clusterSupport(client);
  const problems = unsupported(synth, support);
  const owner = ownerFor(options);
  const adopted: Preflight["adopted"] = [];
  for (const foreign of await foreignJobs(client, synth.jobs, owner)) {
    if (options.adopt) adopted.push({ jobId: foreign.job.id, from: describeOwner(foreign.owner) });
    else problems.push(ownershipProblem(foreign, owner(foreign.job)));
  }
  const steps: ResourceStep[] = [];
  for (const resource of synth.resources) {
    // A cluster without ACLs can't even be asked about policies; that is already a problem.
    if (resource.kind === "acl-policy" && support.acl === false) continue;
    const step = await planResource(client, resource, options.variables ?? {});
    if ("subject" in step) problems.push(step);
    else steps.push(step);
  }
  return { support, steps, problems, adopted };
}
