import type { JobSpec } from "../schema/specs.generated.js";
import type { App } from "./app.js";
import { Construct } from "./construct.js";
import type { Group } from "./group.js";
import type { AffinityRule, ConstraintRule, SpreadRule } from "./placement.js";

/** Job settings: every field of Nomad's job block, plus placement rules as typed objects. */
export interface JobProps
  extends Omit<
    JobSpec,
    "id" | "name" | "group" | "task" | "constraint" | "affinity" | "spread" | "vaultToken" | "consulToken"
  > {
  /** Display name; defaults to the job ID. */
  readonly name?: string;
  readonly constraints?: readonly ConstraintRule[];
  readonly affinities?: readonly AffinityRule[];
  readonly spreads?: readonly SpreadRule[];
}

/** A Nomad job. Its ID is the construct id; its groups are the Group constructs under it. */
export class Job extends Construct {
  constructor(
    readonly app: App,
    id: string,
    readonly props: JobProps = {},
  ) {
    super("job", app, id);
  }

  get groups(): Group[] {
    return this.children.filter((c): c is Group => c.kind === "group");
  }
}
