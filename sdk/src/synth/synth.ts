import type { App } from "../constructs/app.js";
import { environmentOf } from "../constructs/construct.js";
import type { Job } from "../constructs/job.js";
import type { NodePool } from "../constructs/node-pool.js";
import { print } from "../hcl/printer.js";
import { encodeBlock, encodeJob } from "../jobspec/encode.js";
import { jobPayload, type Origins } from "./job-payload.js";
import { namespaceResources } from "./namespace-payloads.js";
import { inNfc } from "./nfc.js";
import { platformResources } from "./platform-resources.js";
import { type Problem, Problems } from "./problems.js";
import { jobNamespace, nodePoolPayload, variablePolicies, variablesUsed } from "./resource-payloads.js";
import { checkRules } from "./rule-problems.js";
import { checkShapes } from "./shapes.js";
import type { ApiObject } from "./spec-to-api.js";
import { validateApp } from "./validate.js";
import { validateEntryCollisions } from "./validate-collisions.js";

export interface SynthesizedJob {
  id: string;
  /** The environment the job belongs to, if the app has environments. */
  environment?: string;
  /** What `PUT /v1/jobs` takes. */
  payload: { Job: ApiObject };
  /** The same job as a formatted `*.nomad.hcl` file. */
  hcl: string;
}

/**
 * Kinds of non-job object, in the order a deploy applies them: namespaces, node pools
 * and the CNI network configs their nodes read, volumes, variables, ACL policies, then
 * Consul config entries; jobs come last.
 */
export type ResourceKind =
  | "namespace"
  | "node-pool"
  | "cni-config"
  | "csi-volume"
  | "host-volume"
  | "variable"
  | "acl-policy"
  | "consul-config-entry";

/** A non-job object the app declares, in the order a deploy must apply them. */
export interface SynthesizedResource {
  kind: ResourceKind;
  name: string;
  environment?: string;
  /** The API request body (for cni-config: the conflist file itself). */
  payload: ApiObject;
  /** The spec file the nomad CLI takes for it, when there is one. */
  hcl?: string;
  /** Where the payload goes, when the kind alone doesn't say: `PUT /v1/volume/csi/db/create`. */
  endpoint?: string;
  /**
   * Payload secrets the deploy step reads and adds when it applies (key → `vault:path#key`
   * or `nomad:path#key`). Values never appear in synthesized output.
   */
  secretRefs?: Record<string, string>;
  /** What the resource can't enforce or needs done by hand, said plainly. */
  notes?: string[];
}

export interface SynthResult {
  jobs: SynthesizedJob[];
  resources: SynthesizedResource[];
  /** Every problem found. When there is any, `jobs` and `resources` are empty. */
  problems: Problem[];
  /** Things Nomad accepts but that are likely mistakes; they never stop synth. */
  warnings: Problem[];
}

export interface SynthOptions {
  /** Only this environment's jobs (and the app's shared ones). */
  env?: string;
}

/** Validates the app and turns each job into its API payload and HCL. */
export function synthesize(app: App, options: SynthOptions = {}): SynthResult {
  const problems = new Problems();
  const envNames = app.environments.map((e) => e.name);
  if (options.env !== undefined && !envNames.includes(options.env)) {
    const known =
      envNames.length > 0 ? `it has ${envNames.map((n) => `"${n}"`).join(", ")}` : "it declares none";
    problems.add(`app "${app.name}"`, `there is no environment "${options.env}": ${known}`);
    return { jobs: [], resources: [], problems: problems.list, warnings: [] };
  }
  // Wrong shapes (a string where a Port goes) would break every later step: report them alone.
  if (!checkShapes(app, problems))
    return { jobs: [], resources: [], problems: problems.list, warnings: problems.warnings };
  try {
    return synthesizeChecked(app, options, problems);
  } catch (err) {
    // Only a nomadkit bug gets here; it is still a problem with a place, not a stack trace.
    problems.add(
      `app "${app.name}"`,
      `synth failed unexpectedly (${err instanceof Error ? err.message : String(err)}): this is a nomadkit bug, please report it with the app that caused it`,
    );
    return { jobs: [], resources: [], problems: problems.list, warnings: problems.warnings };
  }
}

function synthesizeChecked(app: App, options: SynthOptions, problems: Problems): SynthResult {
  validateApp(app, problems);
  const selected = (envName: string | undefined) =>
    options.env === undefined || envName === undefined || envName === options.env;
  const jobs = app.jobs.filter((job) => selected(job.environment?.name));
  const payloads = jobs.map((job) => {
    const origins: Origins = new WeakMap();
    const built = jobPayload(job, problems, origins);
    checkRules(built.Job, origins, problems, app.targetNomadVersion);
    const { value: payload, changed } = inNfc(built);
    if (changed.length > 0)
      problems.add(
        `job "${job.id}"`,
        `text such as ${JSON.stringify(changed[0])} is written in Unicode NFC (${JSON.stringify(changed[0]?.normalize("NFC"))}), as Nomad's HCL reader would read it, so the API JSON and the HCL file say the same`,
        { severity: "warning" },
      );
    return { job, payload };
  });
  const pools = nodePools(app, jobs).filter((p) => selected(environmentOf(p)?.name));
  const poolPayloads = pools.map((pool) => ({ pool, payload: nodePoolPayload(pool, problems) }));
  const allPlatform = platformResources(app, problems);
  validateEntryCollisions(app, allPlatform, problems);
  const platform = allPlatform.filter((r) => selected(r.environment));
  const namespaces = namespaceResources(
    app,
    app.jobs.map((job) => ({ namespace: jobNamespace(job), environment: job.environment?.name })),
    problems,
  ).filter((r) => selected(r.environment));
  if (!problems.empty)
    return { jobs: [], resources: [], problems: problems.list, warnings: problems.warnings };
  return {
    jobs: payloads.map(({ job, payload }) => ({
      id: job.id,
      ...(job.environment ? { environment: job.environment.name } : {}),
      payload,
      hcl: print(encodeJob(payload.Job)),
    })),
    resources: [
      ...namespaces,
      ...poolPayloads.map(({ pool, payload }) => ({
        kind: "node-pool" as const,
        name: pool.name,
        ...(environmentOf(pool)?.name ? { environment: environmentOf(pool)?.name } : {}),
        payload,
        hcl: print(encodeBlock("NodePool", "node_pool", payload)),
      })),
      ...platform.filter((r) => r.kind === "cni-config" || r.kind.endsWith("-volume")),
      ...mergeVariables(jobs),
      ...jobs.flatMap((job) =>
        variablePolicies(job).map(({ name, payload }) => ({
          kind: "acl-policy" as const,
          name,
          ...(job.environment ? { environment: job.environment.name } : {}),
          payload,
          hcl: String(payload.Rules),
        })),
      ),
      ...platform.filter((r) => r.kind === "consul-config-entry"),
    ],
    problems: [],
    warnings: problems.warnings,
  };
}

/** One resource per (environment, variable path), with the keys every job reads from it. */
function mergeVariables(jobs: Job[]): SynthesizedResource[] {
  const merged = new Map<string, SynthesizedResource>();
  for (const job of jobs) {
    for (const { path, payload } of variablesUsed(job)) {
      const environment = job.environment?.name;
      const id = `${environment ?? ""}\u0000${path}`;
      const seen = merged.get(id);
      if (seen) {
        const keys = new Set([...(seen.payload.Keys as string[]), ...(payload.Keys as string[])]);
        seen.payload.Keys = [...keys].sort();
      } else {
        merged.set(id, {
          kind: "variable",
          name: path.replaceAll("/", "_"),
          ...(environment ? { environment } : {}),
          payload,
        });
      }
    }
  }
  return [...merged.values()];
}

/** Node pools declared in the app or its environments, plus any a job uses. */
function nodePools(app: App, jobs: Job[]): NodePool[] {
  const declared = [...app.children, ...app.environments.flatMap((e) => e.children)].filter(
    (c): c is NodePool => c.kind === "nodePool",
  );
  const used = jobs.map((j) => j.nodePool).filter((p): p is NodePool => p !== undefined);
  return [...new Set([...declared, ...used])].filter((pool) => !pool.external);
}
