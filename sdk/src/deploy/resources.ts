import type { AclPolicy } from "../api/acl.js";
import type { NomadClient } from "../api/index.js";
import type { NodePool } from "../api/node-pools.js";
import type { VolumeSpec } from "../api/volumes.js";
import type { SynthesizedResource } from "../synth/synth.js";

export interface ResourceResult {
  kind: string;
  name: string;
  action: "applied" | "created" | "unchanged" | "skipped";
  /** What the user still has to do, e.g. set a variable's values. */
  note?: string;
}

/**
 * Applies one non-job resource. Variables are created with their keys only (empty
 * values) and never overwritten: their values are set by people, not by code.
 */
export async function applyResource(
  client: NomadClient,
  resource: SynthesizedResource,
): Promise<ResourceResult> {
  const base = { kind: resource.kind, name: resource.name };
  switch (resource.kind) {
    case "node-pool":
      await client.nodePools.upsert(resource.payload as unknown as NodePool);
      return { ...base, action: "applied" };
    case "acl-policy":
      await client.acl.upsertPolicy(resource.payload as unknown as AclPolicy);
      return { ...base, action: "applied" };
    case "variable":
      return { ...base, ...(await ensureVariableKeys(client, resource)) };
    case "csi-volume": {
      const volumes = (resource.payload.Volumes as VolumeSpec[] | undefined) ?? [];
      const create = resource.endpoint?.endsWith("/create") ?? true;
      for (const volume of volumes) {
        if (create) await client.csiVolumes.create(volume);
        else await client.csiVolumes.register(volume);
      }
      return { ...base, action: create ? "created" : "applied" };
    }
    case "host-volume":
      await client.hostVolumes.create(resource.payload.Volume as VolumeSpec);
      return { ...base, action: "created" };
    case "cni-config":
      return {
        ...base,
        action: "skipped",
        note: "a CNI config is a file on each client node: the provisioners install it",
      };
    case "consul-config-entry":
      return { ...base, action: "skipped", note: "apply Consul config entries with `consul config write`" };
  }
}

async function ensureVariableKeys(
  client: NomadClient,
  resource: SynthesizedResource,
): Promise<Pick<ResourceResult, "action" | "note">> {
  const path = String(resource.payload.Path);
  const namespace = String(resource.payload.Namespace ?? "default");
  const keys = resource.payload.Keys as string[];
  const { data: existing } = await client.variables.read(path, { namespace });
  const missing = keys.filter((k) => !(existing?.Items && k in existing.Items));
  if (missing.length === 0) return { action: "unchanged" };
  const items = { ...(existing?.Items ?? {}), ...Object.fromEntries(missing.map((k) => [k, ""])) };
  const { data: write } = await client.variables.put(path, items, {
    namespace,
    cas: existing?.ModifyIndex ?? 0,
  });
  if (!write.ok)
    return { action: "unchanged", note: `variable ${path} changed while deploying; left as it is` };
  return {
    action: existing ? "applied" : "created",
    note: `set ${missing.map((k) => `"${k}"`).join(", ")} with: nomad var put -namespace ${namespace} ${path} ${missing.map((k) => `${k}=…`).join(" ")}`,
  };
}
