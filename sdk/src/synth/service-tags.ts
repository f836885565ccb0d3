import type { Ingress } from "../constructs/ingress.js";
import type { Service } from "../constructs/service.js";
import { ingressesFor } from "./declared.js";

// Ingress routes and metrics endpoints become catalog data other tools read:
// - Traefik (Consul catalog or Nomad provider): `traefik.enable=true` and one router per
//   Ingress, `traefik.http.routers.<ingress>.rule=Host(`h`) && PathPrefix(`/p`)`, …
// - fabio: `urlprefix-<host><path>` followed by its route options.
// - Prometheus: tags `prometheus_scrape=true` and `prometheus_path=<path>` (Nomad service
//   discovery only exposes tags, as __meta_nomad_tags) and the same keys as service meta
//   (Consul service discovery: __meta_consul_service_metadata_prometheus_path).

export const METRICS_TAG = "prometheus_scrape=true";
export const METRICS_PATH_KEY = "prometheus_path";
export const METRICS_SCRAPE_KEY = "prometheus_scrape";

/** Tags the service's Ingresses add. */
export function ingressTags(service: Service): string[] {
  const ingresses = ingressesFor(service);
  const tags: string[] = [];
  const traefik = ingresses.filter((i) => i.props.via.controller === "traefik");
  if (traefik.length > 0) tags.push("traefik.enable=true");
  for (const ingress of traefik) tags.push(...traefikTags(ingress));
  for (const ingress of ingresses) {
    const via = ingress.props.via;
    if (via.controller !== "fabio") continue;
    const options = via.options && via.options.length > 0 ? ` ${via.options.join(" ")}` : "";
    tags.push(`urlprefix-${ingress.props.host}${ingress.pathPrefix}${options}`);
  }
  return tags;
}

/** A Traefik router name: the Ingress id, in the characters Traefik's tag keys allow. */
export function routerName(ingress: Ingress): string {
  return ingress.id.toLowerCase().replace(/[^a-z0-9-]/g, "-");
}

function traefikTags(ingress: Ingress): string[] {
  const via = ingress.props.via;
  if (via.controller !== "traefik") return [];
  const key = `traefik.http.routers.${routerName(ingress)}`;
  const path = ingress.pathPrefix;
  const rule = `Host(\`${ingress.props.host}\`)${path === "/" ? "" : ` && PathPrefix(\`${path}\`)`}`;
  const tags = [`${key}.rule=${rule}`];
  if (via.entrypoints?.length) tags.push(`${key}.entrypoints=${via.entrypoints.join(",")}`);
  if (via.middlewares?.length) tags.push(`${key}.middlewares=${via.middlewares.join(",")}`);
  if (via.tls || via.certResolver) tags.push(`${key}.tls=true`);
  if (via.certResolver) tags.push(`${key}.tls.certresolver=${via.certResolver}`);
  return tags;
}

/** The tags and meta a metrics endpoint adds to the registration that carries it. */
export function metricsCatalog(path: string): { tags: string[]; meta: Record<string, string> } {
  return {
    tags: [METRICS_TAG, `${METRICS_PATH_KEY}=${path}`],
    meta: { [METRICS_SCRAPE_KEY]: "true", [METRICS_PATH_KEY]: path },
  };
}
