import type { App } from "./app.js";
import { Construct } from "./construct.js";
import type { Job } from "./job.js";
import type { Namespace } from "./namespace.js";
import type { NodePool } from "./node-pool.js";

/** Where an environment's jobs run. Jobs inherit these unless they set their own. */
export interface EnvironmentProps<V> {
  /**
   * The Nomad namespace of the environment's jobs, variables and volumes: a name (deploy
   * creates it) or a `Namespace` construct.
   */
  readonly namespace?: string | Namespace;
  readonly region?: string;
  readonly datacenters?: readonly string[];
  readonly nodePool?: NodePool;
  /**
   * The Consul namespace or admin partition of the environment's services and config
   * entries. Without either, its Consul names carry the environment ("db" → "db-qa") so
   * environments sharing one Consul stay apart.
   */
  readonly consul?: { readonly namespace?: string; readonly partition?: string };
  /** Typed per-environment values (counts, domains, sizes…), instead of var files. */
  readonly values: V;
}

/**
 * One deployment target of an app (qa, preprod, prod, or prod-eu …). The same code builds
 * each environment's jobs from its typed values; `nomadkit synth --env NAME` writes only
 * that environment, and nothing in one environment may reach a service of another.
 */
export class Environment<V = Record<string, never>> extends Construct {
  readonly values: V;

  constructor(
    readonly app: App,
    readonly name: string,
    readonly props: EnvironmentProps<V>,
  ) {
    super("env", app, name);
    this.values = props.values;
  }

  /** The name of the environment's namespace, if it sets one. */
  get namespace(): string | undefined {
    const ns = this.props.namespace;
    return typeof ns === "string" || ns === undefined ? ns : ns.name;
  }

  get jobs(): Job[] {
    return this.children.filter((c): c is Job => c.kind === "job");
  }
}
