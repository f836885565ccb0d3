import type { NamespaceCapabilitiesSpec } from "../schema/specs.generated.js";
import type { App } from "./app.js";
import { Construct } from "./construct.js";
import type { Environment } from "./environment.js";

export interface NamespaceProps {
  readonly description?: string;
  readonly meta?: Readonly<Record<string, string>>;
  /** Task drivers and network modes jobs of the namespace may (or may not) use. */
  readonly capabilities?: Partial<NamespaceCapabilitiesSpec>;
}

/**
 * A Nomad namespace. Jobs, variables and volumes of an environment live in its namespace;
 * deploy creates or updates it before anything that lives in it. An environment whose
 * `namespace` is a plain name gets one of these made for it at synth.
 */
export class Namespace extends Construct {
  /** A namespace that exists already (such as "default"): synth doesn't write it. */
  static existing(scope: App | Environment<unknown>, name: string): Namespace {
    const namespace = new Namespace(scope, name);
    namespace.external = true;
    return namespace;
  }

  /** Managed outside this app; see `Namespace.existing`. */
  external = false;

  constructor(
    scope: App | Environment<unknown>,
    readonly name: string,
    readonly props: NamespaceProps = {},
  ) {
    super("namespace", scope, name);
  }
}
