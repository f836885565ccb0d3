// What a job can read about the client node it lands on: `${node.…}` (the node's own
// registration), `${attr.…}` (what the client fingerprinted) and `${meta.…}` (metadata the
// operator set). These are facts about Nomad clients, not job fields, so the generated schema
// does not carry them; they are kept here, once, for completion and hover. The attribute
// list names the common fingerprints, not every one a plugin may add.

/** One name under `node.` or `attr.`, with what it holds. */
export interface NodeFact {
  name: string;
  description: string;
}

/** A family of fingerprints, such as one `driver.<name>` per detected driver. */
export interface NodeFactFamily {
  prefix: string;
  description: string;
}

export const NODE_FIELDS: readonly NodeFact[] = [
  { name: "unique.id", description: "The node's ID, a UUID the client generates once and keeps." },
  { name: "unique.name", description: "The node's name (by default the machine's hostname)." },
  { name: "datacenter", description: "The datacenter the client is configured in." },
  { name: "class", description: "The node class the operator gave the client, if any." },
  { name: "region", description: "The region of the servers the client talks to." },
  { name: "pool", description: "The node pool the client belongs to (`default` unless configured)." },
];

export const NODE_ATTRIBUTES: readonly NodeFact[] = [
  { name: "kernel.name", description: "Operating system kernel family: `linux`, `darwin`, `windows`, …" },
  { name: "kernel.version", description: "Version string of the running kernel." },
  { name: "kernel.arch", description: "Machine architecture as the kernel reports it, e.g. `x86_64`." },
  { name: "cpu.arch", description: "CPU architecture in Go's naming: `amd64`, `arm64`, …" },
  { name: "cpu.numcores", description: "Number of CPU cores the client sees." },
  { name: "cpu.totalcompute", description: "Total CPU capacity in MHz (cores × frequency)." },
  { name: "cpu.modelname", description: "The CPU model as the processor names itself." },
  { name: "memory.totalbytes", description: "Physical memory of the machine, in bytes." },
  { name: "os.name", description: "Operating system distribution, such as `ubuntu` or `windows`." },
  { name: "os.version", description: "Version of that distribution." },
  { name: "unique.hostname", description: "The machine's hostname." },
  { name: "unique.network.ip-address", description: "The IP address the client advertises for its work." },
  { name: "nomad.version", description: "Version of the Nomad agent running on the client." },
  { name: "nomad.advertise.address", description: "The `host:port` the client's HTTP API advertises." },
  { name: "driver.docker", description: "Present (`1`) when the Docker driver is detected and healthy." },
  { name: "driver.exec", description: "Present (`1`) when the isolated exec driver can run here." },
  { name: "driver.raw_exec", description: "Present (`1`) when raw_exec is enabled on the client." },
  { name: "driver.java", description: "Present (`1`) when a Java runtime is detected." },
  { name: "driver.qemu", description: "Present (`1`) when QEMU is detected." },
  { name: "unique.platform.aws.instance-id", description: "The EC2 instance ID, on AWS." },
  { name: "platform.aws.instance-type", description: "The EC2 instance type, such as `m5.large`." },
  {
    name: "platform.aws.placement.availability-zone",
    description: "The availability zone of the EC2 instance, such as `us-east-1a`.",
  },
  { name: "unique.platform.gce.id", description: "The GCE instance ID, on Google Cloud." },
  { name: "platform.gce.machine-type", description: "The GCE machine type, such as `e2-standard-4`." },
  { name: "platform.gce.zone", description: "The GCE zone of the instance, such as `europe-west1-b`." },
  { name: "consul.version", description: "Version of the Consul agent the client is connected to." },
  { name: "vault.version", description: "Version of the Vault server the client reaches." },
];

/** Longest first: the most specific family describes a name. */
export const NODE_ATTRIBUTE_FAMILIES: readonly NodeFactFamily[] = [
  { prefix: "unique.platform.aws.", description: "EC2 instance metadata unique to this machine." },
  { prefix: "unique.platform.gce.", description: "GCE instance metadata unique to this machine." },
  { prefix: "platform.aws.", description: "EC2 instance metadata, read from the AWS metadata service." },
  { prefix: "platform.gce.", description: "GCE instance metadata, read from the GCE metadata service." },
  { prefix: "unique.network.", description: "Network facts of this machine." },
  {
    prefix: "driver.",
    description: "Facts a task driver reports; `driver.<name>` is set when it is usable.",
  },
  { prefix: "kernel.", description: "Facts about the running kernel." },
  { prefix: "consul.", description: "Facts about the Consul agent the client uses." },
  { prefix: "vault.", description: "Facts about the Vault server the client uses." },
  { prefix: "nomad.", description: "Facts about the Nomad agent itself." },
  { prefix: "cpu.", description: "Facts about the machine's processors." },
  { prefix: "memory.", description: "Facts about the machine's memory." },
  { prefix: "os.", description: "Facts about the operating system." },
  { prefix: "unique.", description: "A fact unique to this machine (not useful to spread work by)." },
];

/** What `${root.name}` reads, for root `node`, `attr` or `meta`; undefined for other roots. */
export function describeNodeReference(
  root: string,
  name: string,
): { title: string; description: string; known: boolean } | undefined {
  if (root === "node") {
    const fact = NODE_FIELDS.find((f) => f.name === name);
    return {
      title: `node.${name}`,
      description: fact?.description ?? "Not a field Nomad keeps for a node.",
      known: !!fact,
    };
  }
  if (root === "attr") {
    const fact = NODE_ATTRIBUTES.find((f) => f.name === name);
    const family = fact ? undefined : NODE_ATTRIBUTE_FAMILIES.find((f) => name.startsWith(f.prefix));
    const description =
      fact?.description ?? family?.description ?? "A fingerprinted attribute this list does not know.";
    return { title: `attr.${name}`, description, known: !!fact };
  }
  if (root === "meta")
    return {
      title: `meta.${name}`,
      description:
        "Metadata the operator set on the client node (its `meta` configuration, or `nomad node meta apply`), read on the node that runs the allocation. The job's own `meta` is `NOMAD_META_<key>` in the task environment instead.",
      known: true,
    };
  return undefined;
}
