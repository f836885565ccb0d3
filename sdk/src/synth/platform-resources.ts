import type { App } from "../constructs/app.js";
import { environmentOf } from "../constructs/construct.js";
import type { CsiVolume } from "../constructs/csi-volume.js";
import type { HostVolume } from "../constructs/host-volume.js";
import type { Segment } from "../constructs/segment.js";
import { cniConflist } from "./cni-config.js";
import { apiGatewayEntries, entryName, segmentIntentions } from "./consul-entries.js";
import { declaredIn } from "./declared.js";
import type { Problems } from "./problems.js";
import type { SynthesizedResource } from "./synth.js";
import { csiVolumeRequests, hostVolumeRequests, type VolumeRequest } from "./volume-payloads.js";

/**
 * The resources volumes, segments and ingresses declare: CNI configs, CSI and host
 * volumes, then Consul config entries (gateways, service defaults, routes, intentions).
 */
export function platformResources(app: App, problems: Problems): SynthesizedResource[] {
  const out: SynthesizedResource[] = [];
  for (const segment of declaredIn<Segment>(app, "segment")) {
    const cni = segment.props.cni;
    if (!cni) continue;
    out.push({
      kind: "cni-config",
      name: segment.name,
      ...env(environmentOf(segment)?.name),
      payload: cniConflist(segment),
      notes: [
        `install as ${segment.name}.conflist in the client's cni_config_dir (default /opt/cni/config) on the nodes of ` +
          `${cni.nodePools.map((p) => `"${p.name}"`).join(", ")}; member groups use network mode "cni/${segment.name}"`,
      ],
    });
  }
  const volume =
    (kind: "csi-volume" | "host-volume", environment: string | undefined) => (r: VolumeRequest) =>
      out.push({
        kind,
        name: r.id,
        ...env(environment),
        payload: r.payload,
        hcl: r.hcl,
        endpoint: r.endpoint,
        ...(r.secretRefs ? { secretRefs: r.secretRefs } : {}),
      });
  for (const v of declaredIn<CsiVolume>(app, "csiVolume")) {
    csiVolumeRequests(v, problems).forEach(volume("csi-volume", environmentOf(v)?.name));
  }
  for (const v of declaredIn<HostVolume>(app, "hostVolume")) {
    hostVolumeRequests(v, problems).forEach(volume("host-volume", environmentOf(v)?.name));
  }
  for (const { entry, environment, notes } of [
    ...apiGatewayEntries(app, problems),
    ...segmentIntentions(app),
  ]) {
    out.push({
      kind: "consul-config-entry",
      name: entryName(entry),
      ...env(environment),
      payload: entry,
      endpoint: "PUT /v1/config",
      ...(notes ? { notes } : {}),
    });
  }
  return out;
}

function env(name: string | undefined): { environment?: string } {
  return name === undefined ? {} : { environment: name };
}
