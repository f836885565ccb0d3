import type { App } from "../constructs/app.js";
import { type Construct, environmentOf } from "../constructs/construct.js";
import type { Ingress } from "../constructs/ingress.js";
import type { Segment } from "../constructs/segment.js";
import type { Service } from "../constructs/service.js";
import { consulName, entryPlacement } from "./consul-names.js";
import { declaredIn } from "./declared.js";
import type { Problems } from "./problems.js";
import type { ApiObject } from "./spec-to-api.js";

// Consul config entries (`PUT /v1/config`), in Consul's documented JSON shapes. Consul
// has no schema in this repo, so the field names live here and the tests pin them.

/** One config entry and the environment it belongs to. */
export interface ConfigEntry {
  entry: ApiObject;
  environment: string | undefined;
  /** What the entry can't enforce, said plainly. */
  notes?: string[];
}

/** The entry's resource name: `<kind>-<name>`, e.g. `service-intentions-db`. */
export function entryName(entry: ApiObject): string {
  return `${entry.Kind}-${entry.Name}`;
}

/**
 * For API-gateway ingresses: one api-gateway entry per gateway (its listeners), a
 * service-defaults entry making each routed service speak HTTP (http-routes need it),
 * and one http-route per Ingress. Gateways come before the routes that attach to them.
 */
export function apiGatewayEntries(app: App, problems: Problems): ConfigEntry[] {
  const ingresses = declaredIn<Ingress>(app, "ingress");
  const gateways = new Map<
    string,
    { env: string | undefined; placement: Record<string, string>; listeners: Map<string, number> }
  >();
  const defaults = new Map<string, ConfigEntry>();
  const routes: ConfigEntry[] = [];
  for (const ingress of ingresses) {
    const via = ingress.props.via;
    if (via.controller !== "api-gateway") continue;
    const env = environmentOf(ingress)?.name;
    const key = `${env ?? ""}\u0000${via.gateway}`;
    const gateway = gateways.get(key) ?? {
      env,
      placement: entryPlacement(environmentOf(ingress)),
      listeners: new Map<string, number>(),
    };
    gateways.set(key, gateway);
    const listener = via.listener ?? "http";
    const port = gateway.listeners.get(listener);
    if (port !== undefined && port !== via.port) {
      problems.add(
        ingress.path,
        `listener "${listener}" of api gateway "${via.gateway}" is on port ${port} elsewhere, not ${via.port}: use one port per listener`,
      );
    }
    gateway.listeners.set(listener, via.port);
    const service = consulName(ingress.props.service);
    const placement = entryPlacement(environmentOf(ingress));
    defaults.set(`${env ?? ""}\u0000${service}`, {
      entry: { Kind: "service-defaults", Name: service, Protocol: "http", ...placement },
      environment: env,
    });
    routes.push({
      entry: {
        Kind: "http-route",
        Name: ingress.id,
        Parents: [{ Kind: "api-gateway", Name: via.gateway, SectionName: listener }],
        Hostnames: [ingress.props.host],
        Rules: [
          {
            Matches: [{ Path: { Match: "prefix", Value: ingress.pathPrefix } }],
            Services: [{ Name: service }],
          },
        ],
        ...placement,
      },
      environment: env,
    });
  }
  const gatewayEntries = [...gateways].map(
    ([key, g]): ConfigEntry => ({
      entry: {
        Kind: "api-gateway",
        Name: key.split("\u0000")[1],
        Listeners: [...g.listeners].map(([name, port]) => ({ Name: name, Port: port, Protocol: "http" })),
        ...g.placement,
      },
      environment: g.env,
    }),
  );
  return [...gatewayEntries, ...defaults.values(), ...routes];
}

interface Source {
  name: string;
  description: string;
}

/**
 * For every member of a segment, a service-intentions entry: allow each source the
 * segments permit, then deny everyone else (`*`). Sources are the other members, members
 * of segments that allow this one, segments that allow the member's service by name,
 * and API gateways that route to it.
 */
export function segmentIntentions(app: App): ConfigEntry[] {
  const segments = declaredIn<Segment>(app, "segment");
  const sources = new Map<Service, Source[]>();
  // Services outside this app, by Consul name: they get allows, but no deny-the-rest.
  const external = new Map<string, Source[]>();
  const add = (to: Service | string, from: Source) => {
    const list = (typeof to === "string" ? external.get(to) : sources.get(to)) ?? [];
    if (!list.some((s) => s.name === from.name)) list.push(from);
    if (typeof to === "string") external.set(to, list);
    else sources.set(to, list);
  };
  const members = new Set(segments.flatMap((s) => s.props.members));
  for (const member of members) sources.set(member, []);
  for (const segment of segments) {
    const own = segment.props.members;
    for (const to of own) {
      for (const from of own) {
        if (from !== to) add(to, { name: consulName(from), description: `same segment "${segment.name}"` });
      }
    }
    for (const rule of segment.props.allow ?? []) {
      const why = `segment "${segment.name}" may call it`;
      const targets =
        rule.to === "segment" ? rule.segment.props.members : rule.to === "service" ? [rule.service] : [];
      for (const target of targets) {
        for (const from of own) add(target, { name: consulName(from), description: why });
      }
    }
  }
  for (const ingress of declaredIn<Ingress>(app, "ingress")) {
    const via = ingress.props.via;
    if (via.controller === "api-gateway" && members.has(ingress.props.service)) {
      add(ingress.props.service, {
        name: via.gateway,
        description: `api gateway of ingress "${ingress.id}"`,
      });
    }
  }
  const entries: ConfigEntry[] = [];
  const seen = new Set<string>();
  const emit = (name: string, at: Construct | undefined, list: Source[], denyRest: boolean) => {
    const envConstruct = at && environmentOf(at);
    const env = envConstruct?.name;
    const key = `${env ?? ""}\u0000${name}`;
    if (seen.has(key)) return;
    seen.add(key);
    const allows = [...list]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((s) => ({ Name: s.name, Action: "allow", Description: `nomadkit: ${s.description}` }));
    const deny = denyRest
      ? [{ Name: "*", Action: "deny", Description: "nomadkit: not allowed by any segment" }]
      : [];
    entries.push({
      entry: {
        Kind: "service-intentions",
        Name: name,
        Sources: [...allows, ...deny],
        ...entryPlacement(envConstruct),
      },
      environment: env,
    });
  };
  // Members deny everyone not allowed; services outside segments only get the allows.
  for (const [service, list] of sources) emit(consulName(service), service, list, members.has(service));
  for (const [name, list] of external) {
    const segment = segments.find((s) =>
      (s.props.allow ?? []).some((r) => r.to === "service" && r.service === name),
    );
    emit(name, segment, list, false);
  }
  // External CIDRs are outside the mesh: say so on the segment's first member's entry.
  for (const segment of segments) {
    const notes = (segment.props.allow ?? []).flatMap((rule) =>
      rule.to === "cidr"
        ? [
            `segment "${segment.name}" allows ${rule.cidr}${rule.ports ? ` ports ${rule.ports.join(",")}` : ""}: ` +
              "Consul intentions only govern mesh traffic, so they don't enforce this egress; " +
              "enforce it in the node firewall or cloud security group of the pools that run the segment",
          ]
        : [],
    );
    const first = segment.props.members[0];
    const entry =
      first &&
      entries.find(
        (e) => e.entry.Name === consulName(first) && e.environment === environmentOf(segment)?.name,
      );
    if (entry && notes.length > 0) entry.notes = [...(entry.notes ?? []), ...notes];
  }
  return entries;
}
