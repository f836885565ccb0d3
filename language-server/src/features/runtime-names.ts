// Names Nomad fills in on the client at run time, offered inside "${…}". Nomad's docs
// (runtime environment, interpolation) are the source; these are facts about the client,
// not about job fields, so the schema does not hold them.

/** Environment variables every task gets. */
export const NOMAD_ENV = [
  "NOMAD_ALLOC_DIR",
  "NOMAD_TASK_DIR",
  "NOMAD_SECRETS_DIR",
  "NOMAD_MEMORY_LIMIT",
  "NOMAD_MEMORY_MAX_LIMIT",
  "NOMAD_CPU_LIMIT",
  "NOMAD_CPU_CORES",
  "NOMAD_ALLOC_ID",
  "NOMAD_SHORT_ALLOC_ID",
  "NOMAD_ALLOC_NAME",
  "NOMAD_ALLOC_INDEX",
  "NOMAD_TASK_NAME",
  "NOMAD_GROUP_NAME",
  "NOMAD_JOB_ID",
  "NOMAD_JOB_NAME",
  "NOMAD_JOB_PARENT_ID",
  "NOMAD_DC",
  "NOMAD_NAMESPACE",
  "NOMAD_REGION",
  "NOMAD_UNIX_ADDR",
  "NOMAD_TOKEN",
];

/** Per port label: `NOMAD_PORT_http`, … */
export const PORT_ENV_PREFIXES = [
  "NOMAD_PORT_",
  "NOMAD_ADDR_",
  "NOMAD_IP_",
  "NOMAD_HOST_PORT_",
  "NOMAD_HOST_IP_",
  "NOMAD_HOST_ADDR_",
  "NOMAD_ALLOC_PORT_",
  "NOMAD_ALLOC_IP_",
  "NOMAD_ALLOC_ADDR_",
];

/** `${node.…}`: the client's own facts. */
export const NODE_ATTRIBUTES = ["unique.id", "unique.name", "datacenter", "class", "region", "pool"];

/** Common fingerprinted `${attr.…}` names. */
export const NODE_FINGERPRINTS = [
  "kernel.name",
  "kernel.version",
  "kernel.arch",
  "cpu.arch",
  "cpu.numcores",
  "cpu.totalcompute",
  "cpu.modelname",
  "memory.totalbytes",
  "os.name",
  "os.version",
  "unique.hostname",
  "unique.network.ip-address",
  "nomad.version",
  "nomad.advertise.address",
  "driver.docker",
  "driver.exec",
  "driver.raw_exec",
  "driver.java",
  "driver.qemu",
  "unique.platform.aws.instance-id",
  "platform.aws.instance-type",
  "platform.aws.placement.availability-zone",
  "unique.platform.gce.id",
  "platform.gce.machine-type",
  "platform.gce.zone",
  "consul.version",
  "vault.version",
];
