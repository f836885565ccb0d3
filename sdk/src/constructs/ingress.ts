import type { App } from "./app.js";
import { Construct } from "./construct.js";
import type { Environment } from "./environment.js";
import type { Service } from "./service.js";

/** Traefik reading service tags (Consul catalog or Nomad provider). */
export interface TraefikRoute {
  readonly controller: "traefik";
  /** Entry points the router listens on; Traefik's own default when left out. */
  readonly entrypoints?: readonly string[];
  readonly tls?: boolean;
  readonly certResolver?: string;
  readonly middlewares?: readonly string[];
}

/** fabio reading `urlprefix-` tags from the Consul catalog. */
export interface FabioRoute {
  readonly controller: "fabio";
  /** Route options fabio reads after the prefix, e.g. `["strip=/api", "proto=https"]`. */
  readonly options?: readonly string[];
}

/** A Consul API gateway listener: an api-gateway config entry plus one http-route per Ingress. */
export interface ApiGatewayRoute {
  readonly controller: "api-gateway";
  /** Name of the api-gateway config entry (and of the gateway service that runs it). */
  readonly gateway: string;
  /** Listener name on the gateway; defaults to "http". */
  readonly listener?: string;
  /** Port the listener binds on the gateway. */
  readonly port: number;
}

export type IngressRoute = TraefikRoute | FabioRoute | ApiGatewayRoute;

export interface IngressProps {
  /** Where requests go. */
  readonly service: Service;
  /** The host name requests arrive for, e.g. "shop.example.com". */
  readonly host: string;
  /** Path prefix; defaults to "/". */
  readonly path?: string;
  /** Which edge router serves it: `Ingress.traefik()`, `Ingress.fabio()` or `Ingress.apiGateway({…})`. */
  readonly via: IngressRoute;
}

/**
 * Routes a host and path prefix to a Service. Nomad has no ingress object: this compiles
 * to the service tags Traefik or fabio read, or to Consul API gateway config entries.
 */
export class Ingress extends Construct {
  static traefik(options: Omit<TraefikRoute, "controller"> = {}): TraefikRoute {
    return { controller: "traefik", ...options };
  }
  static fabio(options: Omit<FabioRoute, "controller"> = {}): FabioRoute {
    return { controller: "fabio", ...options };
  }
  static apiGateway(options: Omit<ApiGatewayRoute, "controller">): ApiGatewayRoute {
    return { controller: "api-gateway", ...options };
  }

  constructor(
    scope: App | Environment<unknown>,
    id: string,
    readonly props: IngressProps,
  ) {
    super("ingress", scope, id);
  }

  /** The path prefix requests match. */
  get pathPrefix(): string {
    return this.props.path ?? "/";
  }
}
