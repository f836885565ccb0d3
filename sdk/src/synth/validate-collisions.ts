import type { App } from "../constructs/app.js";
import type { Job } from "../constructs/job.js";
import type { Problems } from "./problems.js";
import { jobNamespace, variablePolicies, variablesUsed } from "./resource-payloads.js";
import type { SynthesizedResource } from "./synth.js";

// Environments are separate only if no two of them write the same cluster object: a
// job (region, namespace, ID), a Nomad Variable (namespace, path) or an ACL policy
// (global, by name), or a Consul config entry. Each collision is reported at the second writer, naming the first.

interface Writer {
  job: Job;
  /** What is written, as the message names it. */
  what: string;
}

export function validateCollisions(app: App, problems: Problems): void {
  const jobs = new Map<string, Writer>();
  const variables = new Map<string, Writer>();
  const policies = new Map<string, Writer>();
  for (const job of app.jobs) {
    const namespace = jobNamespace(job);
    const region = job.props.region ?? job.environment?.props.region ?? "global";
    claim(
      jobs,
      `${region}\u0000${namespace}\u0000${job.id}`,
      { job, what: `job "${job.id}" in namespace "${namespace}" of region "${region}"` },
      problems,
      "give each environment its own namespace (or region), or the job another ID",
    );
    for (const { path } of variablesUsed(job)) {
      claim(
        variables,
        `${namespace}\u0000${path}`,
        { job, what: `Nomad Variable "${path}" in namespace "${namespace}"` },
        problems,
        "give each environment its own namespace, or read the variable from an environment-specific path",
      );
    }
    for (const { name } of variablePolicies(job)) {
      claim(
        policies,
        name,
        { job, what: `ACL policy "${name}"` },
        problems,
        "ACL policies are global: rename the job, group or task",
      );
    }
  }
}

function claim(
  seen: Map<string, Writer>,
  key: string,
  writer: Writer,
  problems: Problems,
  fix: string,
): void {
  const first = seen.get(key);
  if (!first) {
    seen.set(key, writer);
    return;
  }
  // Jobs of one scope (the app, or one environment) may share a variable, and duplicate
  // job IDs within a scope are reported by validateApp: only other owners collide.
  if (first.job.environment === writer.job.environment) return;
  problems.add(
    writer.job.path,
    `${writer.what} is also written by ${first.job.path}: deploying one would overwrite the other; ${fix}`,
  );
}

/**
 * Consul config entries are keyed by (partition, namespace, kind, name): two environments
 * writing the same key would overwrite each other's intentions, routes or defaults.
 */
export function validateEntryCollisions(
  app: App,
  resources: readonly SynthesizedResource[],
  problems: Problems,
): void {
  const seen = new Map<string, string | undefined>();
  for (const r of resources) {
    if (r.kind !== "consul-config-entry") continue;
    const e = r.payload;
    const key = [e.Partition ?? "default", e.Namespace ?? "default", e.Kind, e.Name].join("\u0000");
    if (!seen.has(key)) {
      seen.set(key, r.environment);
      continue;
    }
    const first = seen.get(key);
    if (first === r.environment) continue;
    const where = (env: string | undefined) => (env ? `env "${env}"` : `app "${app.name}"`);
    problems.add(
      where(r.environment),
      `Consul config entry ${String(e.Kind)} "${String(e.Name)}" is also written by ${where(first)}: ` +
        "deploying one would overwrite the other; give the environments their own Consul namespace or partition (`consul: { namespace }`), or keep the default per-environment names",
    );
  }
}
