// What a cluster can take, found before deploy writes anything: ACLs on or off, whether
// any client has Consul or Vault, and the oldest Nomad it runs. An app that needs what the
// cluster lacks is refused up front, with what to change, instead of failing halfway through.
import { NomadApiError } from "../api/errors.js";
import type { NomadClient } from "../api/index.js";
import { type ModelPath, newer, newerThanTarget, parseVersion } from "../rules/index.js";
import type { SynthResult } from "../synth/synth.js";

/** `undefined` when the token may not look (the deploy goes on and Nomad decides). */
export interface ClusterSupport {
  acl: boolean | undefined;
  consul: boolean | undefined;
  vault: boolean | undefined;
  /**
   * The oldest Nomad among the agent answering and the ready clients read. A server drops
   * a JSON field it doesn't know without a word, so a newer field must be refused here.
   */
  version: string | undefined;
}

/** A resource the cluster can't take: which, why, and what to change. */
export interface DeployProblem {
  /** `job "web"`, `acl-policy "web-api-server-variables"`, … */
  subject: string;
  message: string;
  hint: string;
}

/** How many ready clients to read for their Consul and Vault fingerprints. */
const NODES_READ = 3;

interface AgentSelfConfig {
  ACL?: { Enabled?: boolean };
  Version?: { Version?: string };
}

export async function clusterSupport(client: NomadClient): Promise<ClusterSupport> {
  const self = await client.agentSelf().then(
    ({ data }) => {
      const config = data.config as AgentSelfConfig | undefined;
      return { acl: Boolean(config?.ACL?.Enabled), version: config?.Version?.Version };
    },
    (error: unknown) => {
      // Only a cluster with ACLs on says 403.
      if (error instanceof NomadApiError && error.isPermissionDenied)
        return { acl: true, version: undefined };
      throw error;
    },
  );
  const versions = self.version ? [self.version] : [];
  let attributes: Array<Record<string, string>> | undefined;
  try {
    const { data: stubs } = await client.nodes.list();
    const ready = stubs.filter((n) => n.Status === "ready");
    for (const n of ready) if (n.Version) versions.push(n.Version);
    attributes = [];
    for (const stub of ready.slice(0, NODES_READ))
      attributes.push((await client.nodes.read(stub.ID)).data.Attributes ?? {});
  } catch (error) {
    if (!(error instanceof NomadApiError && error.isPermissionDenied)) throw error;
  }
  const fingerprinted = (service: string) =>
    attributes?.some((attrs) =>
      Object.keys(attrs).some((k) => k.startsWith(`${service}.`) && k.endsWith(".version")),
    );
  return {
    acl: self.acl,
    consul: fingerprinted("consul"),
    vault: fingerprinted("vault"),
    version: oldest(versions),
  };
}

function oldest(versions: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const v of versions) if (found === undefined || newer(found, parseVersion(v))) found = v;
  return found;
}

/** Everything in the app the cluster can't take, all at once. */
export function unsupported(synth: SynthResult, support: ClusterSupport): DeployProblem[] {
  const problems: DeployProblem[] = [];
  if (support.acl === false) {
    for (const r of synth.resources.filter((r) => r.kind === "acl-policy")) {
      problems.push({
        subject: `acl-policy "${r.name}"`,
        message: "the cluster has ACLs turned off, so it can't store ACL policies",
        hint: "turn ACLs on (agent config `acl { enabled = true }`, then `nomad acl bootstrap`), or deploy to a cluster that has them",
      });
    }
  }
  for (const job of synth.jobs) {
    if (support.version) problems.push(...newerThanCluster(job.id, job.payload.Job, support.version));
    const needs = jobNeeds(job.payload.Job);
    if (needs.consul && support.consul === false)
      problems.push({
        subject: `job "${job.id}"`,
        message: `registers ${needs.consul} in Consul, but no client of the cluster has Consul`,
        hint: 'run Consul on the clients (agent config `consul { … }`), or give the services `provider: "nomad"` (no Connect)',
      });
    if (needs.vault && support.vault === false)
      problems.push({
        subject: `job "${job.id}"`,
        message: `reads Vault secrets (${needs.vault}), but no client of the cluster has Vault`,
        hint: "configure Vault on the agents (agent config `vault { … }`), or read the secret from a Nomad Variable",
      });
  }
  return problems;
}

/** A field the job sets that the cluster's Nomad doesn't know, where it is set. */
function newerThanCluster(id: string, job: Record<string, unknown>, version: string): DeployProblem[] {
  return newerThanTarget(job, version, {
    is: "the cluster runs Nomad",
    hint: "leave it out, or upgrade the cluster's servers and clients first",
  }).map((f) => ({
    subject: [`job "${id}"`, ...namesOnPath(job, f.at)].join(" › "),
    message: f.message.replace(/\.$/, ""),
    hint: f.hint ?? "",
  }));
}

const KIND_OF_LIST: Record<string, string> = { TaskGroups: "group", Tasks: "task", Services: "service" };

/** `["TaskGroups", 0, "Tasks", 1, "Config"]` → `group "api"`, `task "app"`. */
function namesOnPath(job: Record<string, unknown>, at: ModelPath): string[] {
  const names: string[] = [];
  let value: unknown = job;
  at.forEach((step, i) => {
    value = (value as Record<string | number, unknown> | undefined)?.[step];
    const kind = KIND_OF_LIST[String(at[i - 1])];
    const name = (value as { Name?: unknown } | undefined)?.Name;
    if (typeof step === "number" && kind && typeof name === "string") names.push(`${kind} "${name}"`);
  });
  return names;
}

interface ServiceLike {
  Name?: string;
  Provider?: string;
  Connect?: unknown;
}

/** What a job needs from the cluster: the Consul services and Vault tasks it names. */
function jobNeeds(job: Record<string, unknown>): { consul?: string; vault?: string } {
  const consul: string[] = [];
  const vault: string[] = [];
  const groups = (job.TaskGroups as Array<Record<string, unknown>> | undefined) ?? [];
  for (const group of groups) {
    const tasks = (group.Tasks as Array<Record<string, unknown>> | undefined) ?? [];
    const services = [
      ...((group.Services as ServiceLike[] | undefined) ?? []),
      ...tasks.flatMap((t) => (t.Services as ServiceLike[] | undefined) ?? []),
    ];
    for (const s of services) {
      if ((s.Provider ?? "consul") === "consul" || s.Connect) consul.push(`service "${s.Name ?? "?"}"`);
    }
    for (const task of tasks) if (task.Vault) vault.push(`task "${String(task.Name)}"`);
  }
  return {
    ...(consul.length > 0 ? { consul: consul.join(", ") } : {}),
    ...(vault.length > 0 ? { vault: vault.join(", ") } : {}),
  };
}
