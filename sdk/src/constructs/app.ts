import { type SynthResult, synthesize } from "../synth/synth.js";
import { Construct } from "./construct.js";
import type { Job } from "./job.js";

export interface AppProps {
  /** Names the app in job meta, so jobs it owns can be found later. Defaults to "app". */
  readonly name?: string;
}

/** The root of a nomadkit program: holds jobs and synthesizes them together. */
export class App extends Construct {
  readonly name: string;

  constructor(props: AppProps = {}) {
    super("app", undefined, props.name ?? "app");
    this.name = props.name ?? "app";
  }

  /** Validates every job and returns its API payload and HCL, or every problem found. */
  synth(): SynthResult {
    return synthesize(this);
  }

  get jobs(): Job[] {
    return this.children.filter((c): c is Job => c.kind === "job");
  }
}
