export { App, type AppProps } from "./constructs/app.js";
export { Construct, type ConstructKind } from "./constructs/construct.js";
export { cronProblem } from "./constructs/cron.js";
export { type DockerConfig, Driver, type TaskDriver } from "./constructs/drivers.js";
export {
  Duration,
  type DurationLike,
  type DurationString,
  formatDuration,
  parseDuration,
} from "./constructs/duration.js";
export { Environment, type EnvironmentProps } from "./constructs/environment.js";
export { Group, type GroupNetwork, type GroupProps } from "./constructs/group.js";
export { Job, type JobProps } from "./constructs/job.js";
export { Capability, NodePool, type NodePoolProps } from "./constructs/node-pool.js";
export {
  Affinity,
  type AffinityRule,
  attr,
  Constraint,
  type ConstraintOperator,
  type ConstraintRule,
  meta,
  type NodeField,
  node,
  type SpreadRule,
  spread,
  type Target,
} from "./constructs/placement.js";
export { Port, type PortProps } from "./constructs/port.js";
export { Secret, type SecretFile } from "./constructs/secret.js";
export { Check, type ConnectProps, Service, type ServiceProps, type Upstream } from "./constructs/service.js";
export { Task, type TaskProps, type VolumeMount } from "./constructs/task.js";
export { type BlueGreenUpdate, Update } from "./constructs/update.js";
export { Volume, type VolumeProps } from "./constructs/volume.js";
export type * from "./schema/specs.generated.js";
export { formatProblems, type Problem } from "./synth/problems.js";
export {
  type SynthesizedJob,
  type SynthesizedResource,
  type SynthResult,
  synthesize,
} from "./synth/synth.js";
