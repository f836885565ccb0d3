import type { CsiVolume } from "../constructs/csi-volume.js";
import type { HostVolume } from "../constructs/host-volume.js";
import { attribute, type BodyItem, block, file, fromValue } from "../hcl/ast.js";
import { print } from "../hcl/printer.js";
import { fieldByApi } from "../schema/index.js";
import { formatSize, parseSize, type SizeLike } from "../schema/size.js";
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
    const items: BodyItem[] = [
      attribute("id", fromValue(id)),
      attribute("name", fromValue(p.name ?? id)),
      attribute("type", fromValue("csi")),
      attribute("namespace", fromValue(volume.namespace)),
      attribute("plugin_id", fromValue(p.pluginId)),
      ...optional("external_id", p.externalId),
      ...optional("snapshot_id", p.snapshotId),
      ...optional("clone_id", p.cloneId),
      ...optional("capacity_min", capacityMin === undefined ? undefined : formatSize(capacityMin)),
      ...optional("capacity_max", capacityMax === undefined ? undefined : formatSize(capacityMax)),
      ...capabilityBlocks(p.capabilities),
      ...(p.mountOptions
        ? [
            block(
              "mount_options",
              [],
              [
                ...optional("fs_type", p.mountOptions.fsType),
                ...optional("mount_flags", p.mountOptions.mountFlags),
              ],
            ),
          ]
        : []),
      ...(topology ? [topologyBlock(p.topology ?? {})] : []),
      ...mapAttribute("parameters", p.parameters),
      ...mapAttribute("context", p.context),
    ];
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
      hcl: note + print(file(items)),
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
    const items: BodyItem[] = [
      attribute("name", fromValue(name)),
      attribute("type", fromValue("host")),
      attribute("namespace", fromValue(volume.namespace)),
      attribute("plugin_id", fromValue(p.pluginId)),
      ...optional("node_pool", pool),
      ...optional("node_id", p.nodeId),
      ...optional("capacity_min", capacityMin === undefined ? undefined : formatSize(capacityMin)),
      ...optional("capacity_max", capacityMax === undefined ? undefined : formatSize(capacityMax)),
      ...capabilityBlocks(p.capabilities),
      ...(p.constraints ?? []).map((c) =>
        block(
          "constraint",
          [],
          [
            ...optional("attribute", c.attribute),
            attribute("operator", fromValue(c.operator)),
            ...optional("value", c.value),
          ],
        ),
      ),
      ...mapAttribute("parameters", p.parameters),
    ];
    return {
      id: name,
      endpoint: "PUT /v1/volume/host/create",
      payload: { Volume: api },
      hcl: print(file(items)),
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

function optional(name: string, value: unknown): BodyItem[] {
  return value === undefined ? [] : [attribute(name, fromValue(value))];
}

// The volume spec is read by Nomad's HCL1 decoder, which only looks at `capability`
// written as blocks (a list of objects is silently dropped).
function capabilityBlocks(
  capabilities: ReadonlyArray<{ accessMode: string; attachmentMode: string }>,
): BodyItem[] {
  return capabilities.map((c) =>
    block(
      "capability",
      [],
      [
        attribute("access_mode", fromValue(c.accessMode)),
        attribute("attachment_mode", fromValue(c.attachmentMode)),
      ],
    ),
  );
}

function mapAttribute(name: string, value: Readonly<Record<string, string>> | undefined): BodyItem[] {
  return value && Object.keys(value).length > 0 ? [attribute(name, fromValue(value))] : [];
}

/** `topology_request { required { topology { segments = {…} } } }`, the nesting the CLI reads. */
function topologyBlock(topology: NonNullable<CsiVolume["props"]["topology"]>): BodyItem {
  const part = (name: string, list: ReadonlyArray<Readonly<Record<string, string>>> | undefined) =>
    list && list.length > 0
      ? [
          block(
            name,
            [],
            list.map((segments) => block("topology", [], mapAttribute("segments", segments))),
          ),
        ]
      : [];
  return block(
    "topology_request",
    [],
    [...part("required", topology.required), ...part("preferred", topology.preferred)],
  );
}

/** A field the API has but HCL job specs don't (ID, Name …); its absence from the schema is a bug. */
function apiOnly(typeName: string, api: string): string {
  if (!fieldByApi(typeName, api)) throw new Error(`bug: ${typeName} has no "${api}" field in the schema`);
  return api;
}
