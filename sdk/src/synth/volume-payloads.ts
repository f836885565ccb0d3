import type { CsiVolume } from "../constructs/csi-volume.js";
import type { HostVolume } from "../constructs/host-volume.js";
import { file } from "../hcl/ast.js";
import { print } from "../hcl/printer.js";
import { fieldByApi } from "../schema/index.js";
import { parseSize, type SizeLike } from "../schema/size.js";
import { type KindValue, kindBody } from "./kind-file.js";
import type { Problems } from "./problems.js";
import { type ApiObject, specToApi } from "./spec-to-api.js";

/** One volume request: where it goes, its body, and the spec file `nomad volume create|register` reads. */
export interface VolumeRequest {
  id: string;
  endpoint: string;
  payload: ApiObject;
  hcl: string;
  /** Payload secrets the deploy step fills in (key → secret reference); never values. */
  secretRefs?: Record<string, string>;
}

/**
 * `PUT /v1/volume/csi/<id>/create` (or `PUT /v1/volume/csi/<id>` to register one that
 * exists, when `externalId` is given), one per declared ID.
 */
export function csiVolumeRequests(volume: CsiVolume, problems: Problems): VolumeRequest[] {
  const p = volume.props;
  const at = "csi_volume";
  const capacityMin = bytes(p.capacityMin, volume.path, `${at} › capacity_min`, problems);
  const capacityMax = bytes(p.capacityMax, volume.path, `${at} › capacity_max`, problems);
  const topology = p.topology && {
    required: p.topology.required?.map((segments) => ({ segments })),
    preferred: p.topology.preferred?.map((segments) => ({ segments })),
  };
  const spec = {
    pluginId: p.pluginId,
    externalId: p.externalId,
    capability: p.capabilities,
    capacityMin,
    capacityMax,
    mountOptions: p.mountOptions,
    topologyRequest: topology,
    parameters: p.parameters,
    context: p.context,
    snapshotId: p.snapshotId,
    cloneId: p.cloneId,
  };
  const converted = specToApi("CSIVolume", spec, { path: volume.path, problems, at });
  const register = p.externalId !== undefined;
  const secretRefs =
    p.secrets && Object.keys(p.secrets).length > 0
      ? Object.fromEntries(Object.entries(p.secrets).map(([k, s]) => [k, s.toString()]))
      : undefined;
  return volume.ids.map((id) => {
    const api: ApiObject = {
      [apiOnly("CSIVolume", "ID")]: id,
      [apiOnly("CSIVolume", "Name")]: p.name ?? id,
      [apiOnly("CSIVolume", "Namespace")]: volume.namespace,
      ...converted,
    };
    const hcl = kindBody("csiVolume", {
      type: "csi",
      id,
      name: p.name ?? id,
      namespace: volume.namespace,
      plugin_id: p.pluginId,
      external_id: p.externalId,
      snapshot_id: p.snapshotId,
      clone_id: p.cloneId,
      capacity_min: capacityMin,
      capacity_max: capacityMax,
      capability: capabilityBlocks(p.capabilities),
      mount_options: p.mountOptions && {
        fs_type: p.mountOptions.fsType,
        mount_flags: p.mountOptions.mountFlags,
      },
      topology_request: p.topology && {
        required: topologyList(p.topology.required),
        preferred: topologyList(p.topology.preferred),
      },
      parameters: p.parameters,
      context: p.context,
    });
    const note = secretRefs
      ? `# secrets (${Object.entries(secretRefs)
          .map(([k, ref]) => `${k} from ${ref}`)
          .join(", ")}) are added at apply time, never written here.\n`
      : "";
    return {
      id,
      endpoint: `PUT /v1/volume/csi/${encodeURIComponent(id)}${register ? "" : "/create"}`,
      // CSIVolumeCreateRequest and CSIVolumeRegisterRequest have the same shape.
      payload: { Volumes: [api] },
      hcl: note + print(file(hcl)),
      ...(secretRefs ? { secretRefs } : {}),
    };
  });
}

/** `PUT /v1/volume/host/create`, one per declared name. */
export function hostVolumeRequests(volume: HostVolume, problems: Problems): VolumeRequest[] {
  const p = volume.props;
  const at = "host_volume";
  const capacityMin = bytes(p.capacityMin, volume.path, `${at} › capacity_min`, problems);
  const capacityMax = bytes(p.capacityMax, volume.path, `${at} › capacity_max`, problems);
  const pool = volume.nodePool?.name;
  return volume.names.map((name) => {
    const spec = {
      namespace: volume.namespace,
      name,
      pluginId: p.pluginId,
      nodePool: pool,
      nodeId: p.nodeId,
      constraint: p.constraints,
      capacityMin,
      capacityMax,
      capability: p.capabilities,
    };
    const api = specToApi("HostVolume", spec, { path: volume.path, problems, at });
    if (p.parameters && Object.keys(p.parameters).length > 0) {
      api[apiOnly("HostVolume", "Parameters")] = { ...p.parameters };
    }
    const hcl = kindBody("hostVolume", {
      type: "host",
      name,
      namespace: volume.namespace,
      plugin_id: p.pluginId,
      node_pool: pool,
      node_id: p.nodeId,
      capacity_min: capacityMin,
      capacity_max: capacityMax,
      capability: capabilityBlocks(p.capabilities),
      constraint: p.constraints?.map((c) => ({
        attribute: c.attribute,
        operator: c.operator,
        value: c.value,
      })),
      parameters: p.parameters,
    });
    return {
      id: name,
      endpoint: "PUT /v1/volume/host/create",
      payload: { Volume: api },
      hcl: print(file(hcl)),
    };
  });
}

function bytes(
  value: SizeLike | undefined,
  path: string,
  at: string,
  problems: Problems,
): number | undefined {
  if (value === undefined) return undefined;
  const result = parseSize(value);
  if (result.ok) return result.bytes;
  problems.add(path, `${at}: ${result.message}`);
  return undefined;
}

// The volume spec is read by Nomad's HCL1 decoder, which only looks at `capability`
// written as blocks (a list of objects is silently dropped); kindBody writes blocks.
function capabilityBlocks(
  capabilities: ReadonlyArray<{ accessMode: string; attachmentMode: string }>,
): KindValue[] {
  return capabilities.map((c) => ({ access_mode: c.accessMode, attachment_mode: c.attachmentMode }));
}

/** `required { topology { segments = {…} } }`: the nesting the CLI reads (see the csiVolume schema). */
function topologyList(
  list: ReadonlyArray<Readonly<Record<string, string>>> | undefined,
): KindValue | undefined {
  return list && list.length > 0 ? { topology: list.map((segments) => ({ segments })) } : undefined;
}

/** A field the API has but HCL job specs don't (ID, Name …); its absence from the schema is a bug. */
function apiOnly(typeName: string, api: string): string {
  if (!fieldByApi(typeName, api)) throw new Error(`bug: ${typeName} has no "${api}" field in the schema`);
  return api;
}
