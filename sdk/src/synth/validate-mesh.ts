import type { App } from "../constructs/app.js";
import type { Construct } from "../constructs/construct.js";
import { environmentOf } from "../constructs/construct.js";
import type { Ingress } from "../constructs/ingress.js";
import type { Segment } from "../constructs/segment.js";
import type { Service } from "../constructs/service.js";
import { isBridgedMode } from "../rules/model.js";
import { segmentBridge } from "./cni-config.js";
import { declaredIn, envLabel, groupOf, segmentsOf } from "./declared.js";
import type { Problems } from "./problems.js";

// Segments and ingresses: they tie services of jobs together, so their rules span jobs.

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const IPV6_CIDR = /^[0-9a-fA-F:]+\/(\d{1,3})$/;

export function isCidr(text: string): boolean {
  const v4 = IPV4_CIDR.exec(text);
  if (v4) return v4.slice(1, 5).every((o) => Number(o) <= 255) && Number(v4[5]) <= 32;
  const v6 = IPV6_CIDR.exec(text);
  return v6 !== null && (text.match(/:/g) ?? []).length >= 2 && Number(v6[1]) <= 128;
}

/** A problem when `other` lives in another environment than `owner`, naming both. */
function sameEnvironment(owner: Construct, other: Construct, what: string, problems: Problems): void {
  const from = environmentOf(owner);
  const to = environmentOf(other);
  if (from !== to) {
    problems.add(
      owner.path,
      `${what} ${other.path}, which crosses environments (${envLabel(from)} → ${envLabel(to)}): ` +
        "a segment or ingress may only tie together services of its own environment",
    );
  }
}

export function validateSegments(app: App, problems: Problems): void {
  const segments = declaredIn<Segment>(app, "segment");
  for (const segment of segments) {
    const { members, allow = [], cni } = segment.props;
    if (members.length === 0) problems.add(segment.path, "members: a segment needs at least one service");
    for (const member of members) {
      sameEnvironment(segment, member, "has member", problems);
      if (!member.props.connect?.sidecarService && !member.props.connect?.native) {
        problems.add(
          segment.path,
          `member ${member.path} is not a Connect service, so intentions can't govern it: give it \`connect: Sidecar.connectProxy()\``,
        );
      }
      const group = groupOf(member);
      const mode = group.props.network?.mode;
      if (mode !== undefined && !isBridgedMode(mode)) {
        problems.add(
          group.path,
          `network mode is "${mode}" but service "${member.name}" is in segment "${segment.name}", which needs ` +
            `${segment.cniNetworkMode ? `"${segment.cniNetworkMode}"` : '"bridge"'}: set that mode or leave network.mode out`,
        );
      } else if (segment.cniNetworkMode && mode === "bridge") {
        problems.add(
          group.path,
          `network mode is "bridge" but segment "${segment.name}" has its own CNI network: use "${segment.cniNetworkMode}" or leave network.mode out`,
        );
      }
    }
    for (const rule of allow) {
      if (rule.to === "segment") sameEnvironment(segment, rule.segment, "allows segment", problems);
      if (rule.to === "service" && typeof rule.service !== "string")
        sameEnvironment(segment, rule.service, "allows", problems);
      if (rule.to === "cidr" && !isCidr(rule.cidr))
        problems.add(segment.path, `allow: "${rule.cidr}" is not a CIDR such as "10.0.0.0/8"`);
    }
    if (cni) {
      if (!isCidr(cni.subnet)) problems.add(segment.path, `cni › subnet: "${cni.subnet}" is not a CIDR`);
      if (segmentBridge(segment).length > 15 || !/^[A-Za-z0-9_.-]+$/.test(segmentBridge(segment)))
        problems.add(
          segment.path,
          "cni › bridge: a Linux bridge name has at most 15 letters, digits, . _ or -",
        );
      if (cni.nodePools.length === 0)
        problems.add(segment.path, "cni › nodePools: name the pools whose nodes get the network config");
    }
  }
  // Upstreams into a segment member must be allowed by its intentions, or they'd fail at run time.
  for (const segment of segments) {
    for (const member of segment.props.members) {
      for (const upstream of member.props.connect?.sidecarService?.proxy?.upstreams ?? []) {
        const target = upstream.destination;
        if (typeof target === "string" || segmentsOf(target).length === 0) continue;
        if (!mayCall(segment, target)) {
          problems.add(
            member.path,
            `upstream to ${target.path} is denied by the segments' intentions: add Allow.service(…) or Allow.segment(…) to segment "${segment.name}"`,
          );
        }
      }
    }
  }
}

/** Whether members of `from` are allowed to call `target` (a member of some segment). */
function mayCall(from: Segment, target: Service): boolean {
  if (from.props.members.includes(target)) return true;
  return (from.props.allow ?? []).some(
    (rule) =>
      (rule.to === "service" && rule.service === target) ||
      (rule.to === "segment" && rule.segment.props.members.includes(target)),
  );
}

export function validateIngresses(app: App, problems: Problems): void {
  for (const ingress of declaredIn<Ingress>(app, "ingress")) {
    const { service, host, via } = ingress.props;
    sameEnvironment(ingress, service, "routes to", problems);
    if (!/^[A-Za-z0-9*]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host))
      problems.add(ingress.path, `host: "${host}" is not a host name such as "shop.example.com"`);
    if (!ingress.pathPrefix.startsWith("/") || /[\s`]/.test(ingress.pathPrefix))
      problems.add(
        ingress.path,
        `path: "${ingress.pathPrefix}" must start with "/" and have no spaces or backticks`,
      );
    if (via.controller === "api-gateway") {
      if (!service.props.connect?.sidecarService && !service.props.connect?.native)
        problems.add(
          ingress.path,
          `an API gateway reaches services through the mesh, but ${service.path} is not a Connect service: give it \`connect: Sidecar.connectProxy()\``,
        );
      if (!Number.isInteger(via.port) || via.port < 1 || via.port > 65535)
        problems.add(ingress.path, `via › port: ${via.port} is not a port number`);
    } else if (!service.props.port) {
      problems.add(
        ingress.path,
        `${via.controller} routes to the address and port the service registers, but ${service.path} has no port: give it one`,
      );
    }
  }
}
