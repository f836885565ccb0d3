// @nomadkit/provisioners: Nomad agents on cloud VMs, from the same NodePool objects the jobs use.
export {
  agentHcl,
  type ClientAgentOptions,
  type CommonAgentOptions,
  clientConfig,
  type HostVolumeOptions,
  INSTANCE_ID_META,
  retryJoin,
  type ServerAgentOptions,
  serverConfig,
  type TlsOptions,
} from "./agent/agent-config.js";
export { awsAutoJoin, gceAutoJoin } from "./agent/auto-join.js";
export {
  type BootScriptOptions,
  bootScript,
  type Cloud,
  DEFAULT_NOMAD_URL,
  type NomadSource,
} from "./agent/boot-script.js";
export { type AutoscalerJob, type AutoscalerJobProps, autoscalerJob } from "./autoscaler/autoscaler-job.js";
export {
  Autoscaler,
  type AutoscalerOptions,
  type DecisionEvent,
  type Evaluation,
  PolicyError,
  type PoolSpec,
  readPolicyFile,
  type ShapeTemplate,
} from "./autoscaler/index.js";
export { LeaderLock, type LeaderLockOptions } from "./autoscaler/lock.js";
export { nomadPort } from "./autoscaler/nomad-port.js";
export { nomadSnapshot } from "./autoscaler/nomad-snapshot.js";
export { type AwsClients, awsClients } from "./aws/clients.js";
export {
  AwsCluster,
  type AwsClusterProps,
  type ClientPoolProps,
  type ServerGroupProps,
  type SpotOptions,
} from "./aws/cluster.js";
export { awsJoin, desiredGroups, type GroupSpec } from "./aws/desired.js";
export { explainAwsError } from "./aws/errors.js";
export { awsInstanceShapes } from "./aws/instance-shapes.js";
export { awsErrorKind, awsNodeGroups, awsPhase } from "./aws/node-groups.js";
export { type ClusterPlan, planCluster } from "./aws/plan.js";
export {
  applyAws,
  destroyAws,
  type PlanResult,
  planAws,
  planDestroy,
} from "./aws/provision.js";
export { statusAws } from "./aws/status.js";
export { type ClusterAutoscaler, clusterAutoscaler } from "./cli/cluster-autoscaler.js";
export { CallCounter } from "./cloud/call-counter.js";
export { ClusterError, InvalidCluster } from "./cloud/cluster-errors.js";
export { type CloudPlan, formatPlan, type GroupChange } from "./cloud/cluster-plan.js";
export {
  type AgentProps,
  type ClusterProblem,
  groupKey,
  groupLabel,
  sharedAgentOptions,
} from "./cloud/cluster-props.js";
export type { InstanceShape, ShapeDevice } from "./cloud/instance-shape.js";
export {
  type GroupInstance,
  type InstancePhase,
  NodeGroupError,
  type NodeGroupErrorKind,
  type NodeGroupState,
  type NodeGroups,
} from "./cloud/node-groups.js";
export type * from "./cloud/scaling-policy.js";
export {
  type ClusterStatus,
  formatStatus,
  type InstanceView,
  joinNodes,
  type NodeView,
  type OwnedInstance,
} from "./cloud/status.js";
export {
  type GcpClientOptions,
  type GcpClients,
  gcpClients,
  OperationError,
  waitOperation,
} from "./gcp/clients.js";
export {
  GcpCluster,
  type GcpClusterProps,
  type GcpPoolProps,
  type GcpServerGroupProps,
} from "./gcp/cluster.js";
export { desiredGcpGroups, type GcpGroupSpec, gceJoin } from "./gcp/desired.js";
export { joinTag, OWNER_LABEL } from "./gcp/labels.js";
export { gcpErrorKind, gcpNodeGroups, gcpPhase } from "./gcp/node-groups.js";
export {
  applyGcp,
  applyGcpPlan,
  destroyGcp,
  explainGcpError,
  type GcpApplyOptions,
  type GcpPlan,
  planGcp,
  planGcpCluster,
  planGcpDestroy,
  readGcp,
} from "./gcp/provision.js";
export { statusGcp } from "./gcp/status.js";
