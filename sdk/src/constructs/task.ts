import type { ResourcesSpec, TaskSpec, VolumeMountSpec } from "../schema/specs.generated.js";
import { Construct } from "./construct.js";
import type { TaskDriver } from "./drivers.js";
import type { Group } from "./group.js";
import type { AffinityRule, ConstraintRule } from "./placement.js";
import type { Secret, SecretFile } from "./secret.js";
import type { Service } from "./service.js";
import type { Volume } from "./volume.js";

/** Mount a group volume into the task; the volume is the object, not its name. */
export interface VolumeMount extends Omit<VolumeMountSpec, "volume"> {
  readonly volume: Volume;
  readonly destination: string;
}

export interface TaskProps
  extends Omit<
    TaskSpec,
    "name" | "driver" | "config" | "service" | "volumeMount" | "constraint" | "affinity" | "resources" | "env"
  > {
  /** The driver and its typed config, from `Driver.docker(…)`, `Driver.exec(…)`, … */
  readonly driver: TaskDriver;
  readonly resources?: ResourcesSpec;
  readonly volumeMounts?: readonly VolumeMount[];
  readonly constraints?: readonly ConstraintRule[];
  readonly affinities?: readonly AffinityRule[];
  /** Environment variables; a Secret value is rendered at run time, never written into the job. */
  readonly env?: Readonly<Record<string, string | Secret>>;
  /** Secrets written to files, such as `secrets/tls.key`. */
  readonly secretFiles?: readonly SecretFile[];
  /**
   * Env or meta names whose literal values look like credentials but are not (a public
   * key, a test password): synth refuses such literals otherwise.
   */
  readonly allowLiteralSecrets?: readonly string[];
}

/** A task: one process or container run by a driver. */
export class Task extends Construct {
  constructor(
    readonly group: Group,
    id: string,
    readonly props: TaskProps,
  ) {
    super("task", group, id);
    this.leader = props?.leader === true;
  }

  /** Whether the group stops its other tasks when this one exits. Sidecar helpers set it on the main task. */
  leader: boolean;
  /** For a sidecar made by a `Sidecar` helper: the main task it serves. */
  serves: Task | undefined;

  get services(): Service[] {
    return this.children.filter((c): c is Service => c.kind === "service");
  }
}
