// What deploy would do to each non-job resource, read from the cluster: create, update or
// no-change, or "manual" for what deploy leaves to another tool. Plan prints it; deploy
// applies exactly the planned creates and updates.
import { NomadApiError } from "../api/errors.js";
import type { NomadClient } from "../api/index.js";
import type { VolumeSpec } from "../api/volumes.js";
import type { SynthesizedResource } from "../synth/synth.js";
import type { DeployProblem } from "./cluster-support.js";
import { givenValue, type VariableValues, variableEnvName } from "./variable-values.js";

export type ResourceAction = "create" | "update" | "no-change" | "manual";

/** One resource's planned action; never carries a variable's values. */
export interface ResourcePlan {
  kind: string;
  name: string;
  action: ResourceAction;
  /** Why, or what is left to do by hand. */
  note?: string;
}

/** A planned resource and, for a variable, the items to write (values: never print them). */
export interface ResourceStep {
  resource: SynthesizedResource;
  plan: ResourcePlan;
  variable?: { items: Record<string, string>; cas: number };
}

export interface VariableSources {
  values?: VariableValues;
  /** Where `NOMADKIT_VAR_<PATH>__<KEY>` values are read; defaults to none. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Plans one resource against the cluster; a variable missing values is a problem instead. */
export async function planResource(
  client: NomadClient,
  resource: SynthesizedResource,
  sources: VariableSources,
): Promise<ResourceStep | DeployProblem> {
  const plan = (action: ResourceAction, note?: string): ResourceStep => ({
    resource,
    plan: { kind: resource.kind, name: resource.name, action, ...(note ? { note } : {}) },
  });
  const p = resource.payload;
  switch (resource.kind) {
    case "namespace": {
      const existing = await orMissing(client.namespaces.read(String(p.Name)));
      return plan(compare(existing, p));
    }
    case "node-pool": {
      const existing = await orMissing(client.nodePools.read(String(p.Name)));
      return plan(compare(existing, p));
    }
    case "acl-policy": {
      const existing = await orMissing(client.acl.readPolicy(String(p.Name)));
      return plan(compare(existing, p));
    }
    case "csi-volume": {
      const volumes = (p.Volumes as VolumeSpec[] | undefined) ?? [];
      let missing = 0;
      for (const v of volumes) {
        const ns = typeof v.Namespace === "string" ? { namespace: v.Namespace } : {};
        if (!(await orMissing(client.csiVolumes.read(String(v.ID), ns)))) missing++;
      }
      return plan(
        missing > 0 ? "create" : "no-change",
        missing > 0 ? undefined : "volumes exist; left as they are",
      );
    }
    case "host-volume": {
      const v = p.Volume as VolumeSpec;
      const ns = typeof v.Namespace === "string" ? { namespace: v.Namespace } : {};
      const { data: listed } = await client.hostVolumes.list(ns);
      const exists = listed.some((h) => h.Name === v.Name);
      return plan(exists ? "no-change" : "create", exists ? "the volume exists; left as it is" : undefined);
    }
    case "variable":
      return planVariable(client, resource, sources);
    case "cni-config":
      return plan("manual", "a CNI config is a file on each client node: the provisioners install it");
    case "consul-config-entry":
      return plan("manual", "apply Consul config entries with `consul config write`");
  }
}

async function planVariable(
  client: NomadClient,
  resource: SynthesizedResource,
  sources: VariableSources,
): Promise<ResourceStep | DeployProblem> {
  const path = String(resource.payload.Path);
  const namespace = String(resource.payload.Namespace ?? "default");
  const keys = resource.payload.Keys as string[];
  const { data: existing } = await client.variables.read(path, { namespace });
  const items: Record<string, string> = { ...(existing?.Items ?? {}) };
  const missing: string[] = [];
  let changed = 0;
  for (const key of keys) {
    const given = givenValue(sources.values ?? {}, sources.env ?? {}, namespace, path, key);
    if (given === undefined) {
      if (!(existing?.Items && key in existing.Items)) missing.push(key);
      continue;
    }
    if (items[key] !== given) changed++;
    items[key] = given;
  }
  if (missing.length > 0) {
    return {
      subject: `variable "${path}" (namespace "${namespace}")`,
      message: `no value for ${missing.map((k) => `"${k}"`).join(", ")}; nothing is written without one`,
      hint:
        `give ${missing.length === 1 ? "it" : "them"} in --var-file (JSON: {"${path}": {"${missing[0]}": "…"}}), ` +
        `as ${missing.map((k) => variableEnvName(path, k)).join(", ")}, ` +
        `or set ${missing.length === 1 ? "it" : "them"} first with: nomad var put -namespace ${namespace} ${path} ${missing.map((k) => `${k}=…`).join(" ")}`,
    };
  }
  const action: ResourceAction = !existing ? "create" : changed > 0 ? "update" : "no-change";
  const kept = keys.length - changed;
  return {
    resource,
    plan: {
      kind: resource.kind,
      name: resource.name,
      action,
      ...(existing && kept > 0 ? { note: `keeps ${kept} existing value(s)` } : {}),
    },
    variable: { items, cas: existing?.ModifyIndex ?? 0 },
  };
}

/** The object, or undefined when Nomad answers 404. */
async function orMissing<T>(request: Promise<{ data: T }>): Promise<T | undefined> {
  try {
    return (await request).data;
  } catch (error) {
    if (error instanceof NomadApiError && error.isNotFound) return undefined;
    throw error;
  }
}

/** create when absent, no-change when every field the payload sets already has that value. */
function compare(existing: unknown, wanted: Record<string, unknown>): ResourceAction {
  if (existing === undefined || existing === null) return "create";
  return covers(existing, wanted) ? "no-change" : "update";
}

function covers(have: unknown, want: unknown): boolean {
  if (isEmpty(want)) return isEmpty(have);
  if (Array.isArray(want))
    return Array.isArray(have) && have.length === want.length && want.every((w, i) => covers(have[i], w));
  if (typeof want === "object" && want !== null) {
    if (typeof have !== "object" || have === null) return false;
    const h = have as Record<string, unknown>;
    return Object.entries(want).every(([k, w]) => covers(h[k], w));
  }
  return have === want;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === "" ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === "object" && value !== null && Object.keys(value).length === 0)
  );
}
