import type { App } from "../constructs/app.js";
import type { Construct, ConstructKind } from "../constructs/construct.js";
import type { Environment } from "../constructs/environment.js";
import type { Group } from "../constructs/group.js";
import type { Ingress } from "../constructs/ingress.js";
import type { Segment } from "../constructs/segment.js";
import type { Service } from "../constructs/service.js";

// Lookups over the app-level constructs (volumes, ingresses, segments) that jobs'
// payloads depend on, found from any construct by walking up to the app.

/** The app a construct belongs to. */
export function appOf(c: Construct): App | undefined {
  let at: Construct | undefined = c;
  while (at && at.kind !== "app") at = at.scope;
  return at as App | undefined;
}

/** Constructs of a kind declared on the app or any of its environments. */
export function declaredIn<T extends Construct>(app: App, kind: ConstructKind): T[] {
  return [...app.children, ...app.environments.flatMap((e) => e.children)].filter(
    (c): c is T => c.kind === kind,
  );
}

/** `"qa"`, or `none` for constructs outside any environment. */
export function envLabel(env: Environment<unknown> | undefined): string {
  return env ? `"${env.name}"` : "none";
}

/** The group a service runs in (group services and task services alike). */
export function groupOf(service: Service): Group {
  return (service.owner.kind === "group" ? service.owner : service.owner.scope) as Group;
}

/** Segments a service is a member of. */
export function segmentsOf(service: Service): Segment[] {
  const app = appOf(service);
  if (!app) return [];
  return declaredIn<Segment>(app, "segment").filter((s) => s.props.members.includes(service));
}

/**
 * The network mode segment membership gives a group: `cni/<segment>` when the segment
 * writes a CNI network, else bridge (what Connect needs). Undefined outside segments.
 */
export function segmentNetworkMode(group: Group): string | undefined {
  const app = appOf(group);
  if (!app) return undefined;
  const segment = declaredIn<Segment>(app, "segment").find((s) =>
    s.props.members.some((m) => groupOf(m) === group),
  );
  return segment ? (segment.cniNetworkMode ?? "bridge") : undefined;
}

/** Ingresses that route to a service. */
export function ingressesFor(service: Service): Ingress[] {
  const app = appOf(service);
  if (!app) return [];
  return declaredIn<Ingress>(app, "ingress").filter((i) => i.props.service === service);
}
