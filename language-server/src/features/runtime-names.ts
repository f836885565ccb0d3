// Node names Nomad fills in on the client at run time, offered inside "${…}". The task
// environment (NOMAD_*) lives in nomadkit/schema's runtime-env.

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
