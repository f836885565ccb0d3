import { environmentOf } from "../constructs/construct.js";
import type { Environment } from "../constructs/environment.js";
import type { Service } from "../constructs/service.js";

// Consul is often shared by every environment, and its catalog, intentions and config
// entries are keyed by name. An environment with its own Consul namespace or admin
// partition keeps names as they are and writes into that namespace or partition;
// otherwise its Consul names carry the environment: service "db" of "qa" is "db-qa",
// in the registration, in upstreams that reach it and in intentions alike.

/** Where an environment's Consul objects live, when it says. */
export function consulPlacement(env: Environment<unknown> | undefined): {
  namespace?: string;
  partition?: string;
} {
  const consul = env?.props.consul;
  return {
    ...(consul?.namespace ? { namespace: consul.namespace } : {}),
    ...(consul?.partition ? { partition: consul.partition } : {}),
  };
}

/** Whether an environment's Consul names need its suffix to stay apart from other environments'. */
function suffixed(env: Environment<unknown> | undefined): env is Environment<unknown> {
  const { namespace, partition } = consulPlacement(env);
  return env !== undefined && namespace === undefined && partition === undefined;
}

/** A name of an environment's Consul object: `name-env`, unless it has its own Consul namespace or partition. */
export function consulNameIn(env: Environment<unknown> | undefined, name: string): string {
  return suffixed(env) ? `${name}-${env.name}` : name;
}

/** The name a service registers under: Nomad-provider services are namespaced by Nomad already. */
export function consulName(service: Service): string {
  if (service.props.provider === "nomad") return service.name;
  return consulNameIn(environmentOf(service), service.name);
}

/** `Namespace` and `Partition` for an environment's config entries, when it sets them. */
export function entryPlacement(env: Environment<unknown> | undefined): Record<string, string> {
  const { namespace, partition } = consulPlacement(env);
  return { ...(namespace ? { Namespace: namespace } : {}), ...(partition ? { Partition: partition } : {}) };
}
