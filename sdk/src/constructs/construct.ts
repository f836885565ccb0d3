import type { Environment } from "./environment.js";

/** The kinds of construct that appear in a construct path. */
export type ConstructKind =
  | "app"
  | "env"
  | "job"
  | "group"
  | "task"
  | "service"
  | "port"
  | "volume"
  | "nodePool"
  | "csiVolume"
  | "hostVolume"
  | "ingress"
  | "segment"
  | "namespace";

/** How a kind is written in a construct path: Nomad's own block or object names. */
const PATH_NAMES: Partial<Record<ConstructKind, string>> = {
  nodePool: "node_pool",
  csiVolume: "csi_volume",
  hostVolume: "host_volume",
};

/**
 * A node of the construct tree: App › Job › Group › Task, with services, ports and
 * volumes hanging off groups and tasks. The tree gives every construct a path that
 * synth errors use to say where a problem is.
 */
export abstract class Construct {
  readonly children: Construct[] = [];

  protected constructor(
    readonly kind: ConstructKind,
    readonly scope: Construct | undefined,
    readonly id: string,
  ) {
    scope?.children.push(this);
  }

  /** `job "web" › group "api" › task "app"` (the app itself is left out). */
  get path(): string {
    const parts: string[] = [];
    for (let c: Construct | undefined = this; c && c.kind !== "app"; c = c.scope) {
      parts.unshift(`${PATH_NAMES[c.kind] ?? c.kind} "${c.id}"`);
    }
    return parts.join(" › ");
  }

  /** The nearest enclosing construct of a kind, or undefined. */
  findScope<K extends ConstructKind>(kind: K): Construct | undefined {
    for (let c: Construct | undefined = this.scope; c; c = c.scope) {
      if (c.kind === kind) return c;
    }
    return undefined;
  }
}

/** The environment a construct belongs to (its nearest `env` scope), if any. */
export function environmentOf(c: Construct): Environment<unknown> | undefined {
  for (let at: Construct | undefined = c.scope; at; at = at.scope) {
    if (at.kind === "env") return at as Environment<unknown>;
  }
  return undefined;
}
