import type { Segment } from "../constructs/segment.js";

// A segment's CNI network: the same plugin chain Nomad builds for its own "bridge"
// mode (loopback, bridge with host-local IPAM, firewall, portmap), on the segment's own
// bridge and subnet, so its allocations share an L2 network apart from other segments.

/** Admin chain Nomad's own bridge config uses; sharing it keeps one set of firewall rules. */
const ADMIN_CHAIN = "NOMAD-ADMIN";

/** The bridge a segment's config names: at most 15 characters, Linux's limit. */
export function segmentBridge(segment: Segment): string {
  return segment.props.cni?.bridge ?? `nk-${segment.name}`.slice(0, 15);
}

/** The conflist JSON a client reads from its `cni_config_dir` as `<segment>.conflist`. */
export function cniConflist(segment: Segment): Record<string, unknown> {
  const cni = segment.props.cni;
  if (!cni) throw new Error(`bug: segment "${segment.name}" has no CNI settings`);
  const ipv6 = cni.subnet.includes(":");
  return {
    cniVersion: "0.4.0",
    name: segment.name,
    plugins: [
      { type: "loopback" },
      {
        type: "bridge",
        bridge: segmentBridge(segment),
        ipMasq: true,
        isGateway: true,
        forceAddress: true,
        hairpinMode: true,
        ipam: {
          type: "host-local",
          ranges: [[{ subnet: cni.subnet }]],
          routes: [{ dst: ipv6 ? "::/0" : "0.0.0.0/0" }],
          dataDir: "/var/run/cni",
        },
      },
      { type: "firewall", backend: "iptables", iptablesAdminChainName: ADMIN_CHAIN },
      { type: "portmap", capabilities: { portMappings: true }, snat: true },
    ],
  };
}
