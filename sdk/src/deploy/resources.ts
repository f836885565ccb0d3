import type { AclPolicy } from "../api/acl.js";
import type { NomadClient } from "../api/index.js";
import type { Namespace } from "../api/namespaces.js";
import type { NodePool } from "../api/node-pools.js";
import type { VolumeSpec } from "../api/volumes.js";
import type { ResourceStep } from "./resource-plan.js";

export interface ResourceResult {
  kind: string;
  name: string;
  action: "created" | "updated" | "unchanged" | "skipped";
  /** What the user still has to do, or why nothing was done. */
  note?: string;
}

/** Thrown when a variable changed between plan and write (check-and-set lost). */
export class VariableRaceError extends Error {}

/**
 * Applies one planned non-job resource: creates and updates only, exactly as planned.
 * A variable is written whole with check-and-set at the index its plan read, so values
 * someone set meanwhile are never overwritten.
 */
export async function applyResource(client: NomadClient, step: ResourceStep): Promise<ResourceResult> {
  const { resource, plan } = step;
  const base = { kind: resource.kind, name: resource.name, ...(plan.note ? { note: plan.note } : {}) };
  if (plan.action === "no-change") return { ...base, action: "unchanged" };
  if (plan.action === "manual") return { ...base, action: "skipped" };
  const done = { ...base, action: plan.action === "create" ? ("created" as const) : ("updated" as const) };
  const p = resource.payload;
  switch (resource.kind) {
    case "namespace":
      await client.namespaces.upsert(p as unknown as Namespace);
      return done;
    case "node-pool":
      await client.nodePools.upsert(p as unknown as NodePool);
      return done;
    case "acl-policy":
      await client.acl.upsertPolicy(p as unknown as AclPolicy);
      return done;
    case "variable": {
      const { items, cas } = step.variable ?? { items: {}, cas: 0 };
      const path = String(p.Path);
      const namespace = String(p.Namespace ?? "default");
      const { data: write } = await client.variables.put(path, items, { namespace, cas });
      if (!write.ok)
        throw new VariableRaceError(
          `variable "${path}" (namespace "${namespace}") changed after it was planned, so it was not written: run the deploy again`,
        );
      return done;
    }
    case "csi-volume": {
      const volumes = (p.Volumes as VolumeSpec[] | undefined) ?? [];
      const create = resource.endpoint?.endsWith("/create") ?? true;
      for (const volume of volumes) {
        if (create) await client.csiVolumes.create(volume);
        else await client.csiVolumes.register(volume);
      }
      return done;
    }
    case "host-volume":
      await client.hostVolumes.create(p.Volume as VolumeSpec);
      return done;
    case "cni-config":
    case "consul-config-entry":
      return { ...base, action: "skipped" };
  }
}
