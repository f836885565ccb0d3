// /v1/volume(s): CSI volumes (from a storage plugin) and dynamic host volumes
// (created on a node by a plugin script), the two kinds of volume a job claims.
import type {
  CSIVolume,
  CSIVolumeListStub,
  HostVolume,
  HostVolumeStub,
} from "../schema/api-types.generated.js";
import type { HttpClient } from "./client.js";
import type { NomadResponse, QueryOptions, WriteOptions } from "./types.js";

/** A volume as Nomad returns it; the request bodies are the specs synth produces. */
export type Volume = CSIVolume | HostVolume;

export type {
  CSIVolume,
  CSIVolumeListStub,
  HostVolume,
  HostVolumeStub,
} from "../schema/api-types.generated.js";

export type VolumeSpec = Record<string, unknown>;

export class CsiVolumes {
  constructor(private readonly http: HttpClient) {}

  list(
    options: QueryOptions & { nodeId?: string; pluginId?: string } = {},
  ): Promise<NomadResponse<CSIVolumeListStub[]>> {
    const query = { type: "csi", node_id: options.nodeId, plugin_id: options.pluginId };
    return this.http.json({ method: "GET", path: "/v1/volumes", query, options });
  }

  read(id: string, options: QueryOptions = {}): Promise<NomadResponse<CSIVolume>> {
    return this.http.json({ method: "GET", path: csiPath(id), options });
  }

  /** Registers a volume that already exists in the storage provider. */
  register(
    volume: VolumeSpec,
    options: WriteOptions & { policyOverride?: boolean } = {},
  ): Promise<NomadResponse<unknown>> {
    const body = { Volumes: [volume], PolicyOverride: options.policyOverride ?? false };
    return this.http.json({ method: "PUT", path: csiPath(volumeId(volume)), body, options });
  }

  /** Asks the plugin to create the volume, then registers it. */
  create(
    volume: VolumeSpec,
    options: WriteOptions & { policyOverride?: boolean } = {},
  ): Promise<NomadResponse<unknown>> {
    const body = { Volumes: [volume], PolicyOverride: options.policyOverride ?? false };
    return this.http.json({ method: "PUT", path: `${csiPath(volumeId(volume))}/create`, body, options });
  }

  /** Forgets the volume, leaving it in the storage provider. */
  deregister(
    id: string,
    options: WriteOptions & { force?: boolean } = {},
  ): Promise<NomadResponse<undefined>> {
    return this.http.json({
      method: "DELETE",
      path: csiPath(id),
      query: { force: options.force ?? false },
      options,
    });
  }

  /** Deletes the volume in the storage provider and deregisters it. */
  delete(id: string, options: WriteOptions = {}): Promise<NomadResponse<undefined>> {
    return this.http.json({ method: "DELETE", path: `${csiPath(id)}/delete`, options });
  }
}

export class HostVolumes {
  constructor(private readonly http: HttpClient) {}

  list(
    options: QueryOptions & { nodeId?: string; nodePool?: string } = {},
  ): Promise<NomadResponse<HostVolumeStub[]>> {
    const query = { type: "host", node_id: options.nodeId, node_pool: options.nodePool };
    return this.http.json({ method: "GET", path: "/v1/volumes", query, options });
  }

  read(id: string, options: QueryOptions = {}): Promise<NomadResponse<HostVolume>> {
    return this.http.json({ method: "GET", path: `/v1/volume/host/${encodeURIComponent(id)}`, options });
  }

  /** Runs the node's plugin to create the volume. */
  create(
    volume: VolumeSpec,
    options: WriteOptions & { policyOverride?: boolean } = {},
  ): Promise<NomadResponse<{ Volume: HostVolume; Warnings: string }>> {
    const body = { Volume: volume, PolicyOverride: options.policyOverride ?? false };
    return this.http.json({ method: "PUT", path: "/v1/volume/host/create", body, options });
  }

  /** Registers a volume that already exists on the node. */
  register(
    volume: VolumeSpec,
    options: WriteOptions & { policyOverride?: boolean } = {},
  ): Promise<NomadResponse<{ Volume: HostVolume; Warnings: string }>> {
    const body = { Volume: volume, PolicyOverride: options.policyOverride ?? false };
    return this.http.json({ method: "PUT", path: "/v1/volume/host/register", body, options });
  }

  delete(id: string, options: WriteOptions & { force?: boolean } = {}): Promise<NomadResponse<undefined>> {
    const query = { force: options.force || undefined };
    return this.http.json({
      method: "DELETE",
      path: `/v1/volume/host/${encodeURIComponent(id)}`,
      query,
      options,
    });
  }
}

function csiPath(id: string): string {
  return `/v1/volume/csi/${encodeURIComponent(id)}`;
}

function volumeId(volume: VolumeSpec): string {
  const id = volume.ID;
  if (typeof id !== "string" || id === "") throw new TypeError("the volume has no ID");
  return id;
}
