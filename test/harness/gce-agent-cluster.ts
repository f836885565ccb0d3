// The Compute fake plus real Nomad agents: every client instance the fake reports RUNNING
// becomes a container at the instance's networkIP running the instance's startup-script, on
// a Docker network over the fake's 10.128.0.0/16. GCE auto-join can't be pointed at a fake,
// so the clients join one real Nomad server in a container by address (the cluster's
// `joinAddresses`); the cluster's own server instances stay machines on paper.
import { type GceFake, startGceFake } from "./gce-fake.js";
import {
  type AgentNetwork,
  createNetwork,
  type InstanceContainer,
  nodeImage,
  removeAllInstances,
  runInstance,
} from "./instance-runner.js";
import { nomadBinary } from "./nomad-binary.js";
import { until } from "./until.js";

const SUBNET = "10.128.0.0/16"; // the fake hands out 10.128.0.10 onwards
const GATEWAY = "10.128.0.1";
/** Where the one real Nomad server listens. */
export const GCE_SERVER_IP = "10.128.200.2";

type Json = Record<string, unknown>;

export interface GceAgentCluster {
  readonly fake: GceFake;
  /** The server's HTTP API. */
  readonly address: string;
  /** Client containers by instance name. */
  readonly running: ReadonlyMap<string, InstanceContainer>;
  /** Makes the containers match the fake: one per RUNNING client instance of the cluster. */
  sync(cluster: string): Promise<void>;
  until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

function serverScript(ip: string): string {
  return `set -e
mkdir -p /opt/nomad /etc/nomad.d
cat > /etc/nomad.d/server.hcl <<'HCL'
data_dir  = "/opt/nomad"
bind_addr = "0.0.0.0"
advertise {
  http = "${ip}"
  rpc  = "${ip}"
  serf = "${ip}"
}
server {
  enabled          = true
  bootstrap_expect = 1
}
HCL
exec nomad agent -config /etc/nomad.d
`;
}

export async function startGceAgentCluster(options: { opDelayMs?: number } = {}): Promise<GceAgentCluster> {
  const nomad = await nomadBinary();
  if ("skip" in nomad) throw new Error(nomad.skip);
  const image = await nodeImage(nomad.path);
  const network: AgentNetwork = await createNetwork(SUBNET, GATEWAY);
  let fake: GceFake;
  try {
    fake = await startGceFake({ opDelayMs: options.opDelayMs ?? 50, bootMs: 300 });
  } catch (error) {
    await network.remove();
    throw error;
  }
  let server: InstanceContainer;
  try {
    server = await runInstance(
      image,
      network,
      { id: "nomad-server", ip: GCE_SERVER_IP, userData: serverScript(GCE_SERVER_IP) },
      {},
    );
  } catch (error) {
    await removeAllInstances();
    await fake.stop();
    await network.remove();
    throw error;
  }
  const running = new Map<string, InstanceContainer>();

  async function sync(cluster: string): Promise<void> {
    const live = fake.state().instances.filter((i) => {
      const labels = (i.labels ?? {}) as Record<string, string>;
      return (
        labels["nomadkit-cluster"] === cluster &&
        labels["nomadkit-group"] !== "server" &&
        i.status === "RUNNING"
      );
    });
    const names = new Set(live.map((i) => String(i.name)));
    const gone = [...running].filter(([name]) => !names.has(name));
    for (const [name] of gone) running.delete(name);
    await Promise.all(gone.map(([, c]) => c.stop()));
    for (const i of live) {
      const name = String(i.name);
      if (running.has(name)) continue;
      const items = ((i.metadata as Json | undefined)?.items ?? []) as { key: string; value: string }[];
      const script = items.find((x) => x.key === "startup-script")?.value ?? "";
      const ip = String(((i.networkInterfaces as Json[])[0] as Json).networkIP);
      running.set(name, await runInstance(image, network, { id: name, ip, userData: script }, {}));
    }
  }

  const logs = () =>
    [server, ...running.values()]
      .map((c) => `--- ${c.instanceId} ${c.ip}\n${c.logs()}`)
      .join("\n")
      .slice(-8000);

  return {
    fake,
    address: `http://${GCE_SERVER_IP}:4646`,
    running,
    sync,
    until: (what, fn, timeoutMs) => until(what, fn, { timeoutMs, context: logs }),
    async stop() {
      await Promise.all([...running.values(), server].map((c) => c.stop()));
      running.clear();
      await removeAllInstances();
      await fake.stop();
      await network.remove();
    },
  };
}
