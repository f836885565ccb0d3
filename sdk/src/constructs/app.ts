import { Construct } from "./construct.js";
import { Environment, type EnvironmentProps } from "./environment.js";
import type { Job } from "./job.js";

export interface AppProps {
  /** Names the app in job meta, so jobs it owns can be found later. Defaults to "app". */
  readonly name?: string;
  /**
   * The oldest Nomad version the app's clusters run ("1.10.5"). Synth warns about any field
   * added in a later version. Defaults to the version nomadkit's schema is pinned to.
   */
  readonly targetNomadVersion?: string;
}

/** The root of a nomadkit program: holds its jobs, environments and shared resources. `synthesize(app)` turns it into API payloads. */
export class App extends Construct {
  readonly name: string;
  /** See `AppProps.targetNomadVersion`; undefined means the pinned version. */
  readonly targetNomadVersion: string | undefined;

  constructor(props: AppProps = {}) {
    super("app", undefined, props.name ?? "app");
    this.name = props.name ?? "app";
    this.targetNomadVersion = props.targetNomadVersion;
  }

  /** Declares an environment with typed values; build its jobs with the environment as scope. */
  environment<V>(name: string, props: EnvironmentProps<V>): Environment<V> {
    return new Environment(this, name, props);
  }

  get environments(): Environment<unknown>[] {
    return this.children.filter((c): c is Environment<unknown> => c.kind === "env");
  }

  /** Every job: the app's own and those of each environment. */
  get jobs(): Job[] {
    return [...this.children, ...this.environments.flatMap((e) => e.children)].filter(
      (c): c is Job => c.kind === "job",
    );
  }
}
