export { App, type AppProps } from "./constructs/app.js";
export { Construct, type ConstructKind } from "./constructs/construct.js";
export {
  type CsiCapability,
  CsiVolume,
  type CsiVolumeProps,
  type TopologySegments,
} from "./constructs/csi-volume.js";
export { type DockerConfig, Driver, type TaskDriver } from "./constructs/drivers.js";
export { Environment, type EnvironmentProps } from "./constructs/environment.js";
export { Group, type GroupNetwork, type GroupProps } from "./constructs/group.js";
export { HostVolume, type HostVolumeCapability, type HostVolumeProps } from "./constructs/host-volume.js";
export {
  type ApiGatewayRoute,
  type FabioRoute,
  Ingress,
  type IngressProps,
  type IngressRoute,
  type TraefikRoute,
} from "./constructs/ingress.js";
export { Job, type JobProps } from "./constructs/job.js";
export { JsonPatch, type JsonPatchOp } from "./constructs/json-patch.js";
export { Namespace, type NamespaceProps } from "./constructs/namespace.js";
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
export {
  Allow,
  Segment,
  type SegmentCni,
  type SegmentProps,
  type SegmentRule,
} from "./constructs/segment.js";
export {
  Check,
  type CheckProps,
  type ConnectProps,
  type HttpCheckProps,
  type MetricsEndpoint,
  type ScriptCheckProps,
  Service,
  type ServiceProps,
  type Upstream,
} from "./constructs/service.js";
export {
  type ConnectProxyProps,
  type LogShipperProps,
  Sidecar,
  type SidecarTaskProps,
} from "./constructs/sidecar.js";
export { Task, type TaskProps, type VolumeMount } from "./constructs/task.js";
export {
  type BlueGreenUpdate,
  type BlueGreenUpdateProps,
  type CanaryUpdateProps,
  type RollingUpdateProps,
  type Timing,
  Update,
  type UpdateProps,
} from "./constructs/update.js";
export { Volume, type VolumeProps } from "./constructs/volume.js";
export { CronExpression, type CronParseResult, cronProblem, parseCron } from "./schema/cron.js";
export {
  Duration,
  type DurationLike,
  type DurationString,
  formatDuration,
  parseDuration,
} from "./schema/duration.js";
export { formatSize, parseSize, type SizeLike, type SizeUnit } from "./schema/size.js";
export type * from "./schema/specs.generated.js";
export { type KindValue, kindBody } from "./synth/kind-file.js";
export { formatProblems, type Problem } from "./synth/problems.js";
export {
  type ResourceKind,
  type SynthesizedJob,
  type SynthesizedResource,
  type SynthResult,
  synthesize,
} from "./synth/synth.js";
