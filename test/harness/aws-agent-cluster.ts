// moto plus real Nomad agents: every instance moto reports running becomes a container at
// the instance's private IP running the instance's user data, on a Docker network whose
// subnet is moto's default VPC. Agents auto-join with provider=aws through AWS's own EC2
// endpoint name, answered by moto (aws-dns-endpoint.ts). Used by the provisioner and the
// autoscaler end-to-end tests.
import { DescribeLaunchTemplateVersionsCommand } from "@aws-sdk/client-ec2";
import { type AwsClients, type AwsCluster, planAws, statusAws } from "@nomadkit/provisioners";
import { type AwsDnsEndpoint, startAwsDnsEndpoint } from "./aws-dns-endpoint.js";
import {
  type AgentNetwork,
  createNetwork,
  type InstanceContainer,
  nodeImage,
  removeAllInstances,
  runInstance,
} from "./instance-runner.js";
import { type Moto, startMoto } from "./moto.js";
import { nomadBinary } from "./nomad-binary.js";
import { until } from "./until.js";

const SUBNET = "172.31.0.0/16"; // moto's default VPC
const GATEWAY = "172.31.0.1";
const REGION = "us-east-1";

/** What the agents and the test process use to reach moto (no real credentials anywhere). */
export const AWS_TEST_ENV = {
  AWS_ACCESS_KEY_ID: "testing",
  AWS_SECRET_ACCESS_KEY: "testing",
  AWS_REGION: REGION,
};

/** Client options every test agent needs: no cloud fingerprinters reaching for real metadata. */
export const TEST_CLIENT_OPTIONS = { "fingerprint.denylist": "env_aws,env_gce,env_azure,env_digitalocean" };

export interface AwsAgentCluster {
  readonly moto: Moto;
  /** Containers by instance ID. */
  readonly running: ReadonlyMap<string, InstanceContainer>;
  /** Makes the containers match the cloud: one per running instance of the cluster, none for the rest. */
  sync(aws: AwsClients, cluster: AwsCluster): Promise<void>;
  /** Polls `fn` until it returns a value; on timeout the error carries the agents' logs. */
  until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/** Starts moto on the network's gateway and points this process's AWS SDK at it. */
export async function startAwsAgentCluster(): Promise<AwsAgentCluster> {
  const nomad = await nomadBinary();
  if ("skip" in nomad) throw new Error(nomad.skip);
  const image = await nodeImage(nomad.path);
  Object.assign(process.env, AWS_TEST_ENV);
  const network: AgentNetwork = await createNetwork(SUBNET, GATEWAY);
  let parts: { moto: Moto; endpoint: AwsDnsEndpoint };
  try {
    parts = await startMotoBehindAwsName();
  } catch (error) {
    await network.remove();
    throw error;
  }
  const { moto, endpoint } = parts;
  const running = new Map<string, InstanceContainer>();
  const stop = async () => {
    await Promise.all([...running.values()].map((c) => c.stop()));
    running.clear();
    await removeAllInstances();
    await moto.stop();
    await endpoint.close();
    await network.remove();
  };

  async function sync(aws: AwsClients, cluster: AwsCluster): Promise<void> {
    const live = (await statusAws(aws, cluster.name)).instances.filter((i) => i.state === "running");
    const ids = new Set(live.map((i) => i.instanceId));
    const gone = [...running].filter(([id]) => !ids.has(id));
    for (const [id] of gone) running.delete(id);
    await Promise.all(gone.map(([, c]) => c.stop()));
    const { actual } = await planAws(aws, cluster);
    // Started together, kept in the cloud's order (tests take the first as a server).
    const starting: [string, Promise<InstanceContainer>][] = [];
    for (const i of actual.instances) {
      const id = i.InstanceId ?? "";
      if (running.has(id) || i.State?.Name !== "running") continue;
      const tag = (key: string) => i.Tags?.find((t) => t.Key === key)?.Value;
      const out = await aws.ec2.send(
        new DescribeLaunchTemplateVersionsCommand({
          LaunchTemplateId: tag("aws:ec2launchtemplate:id"),
          Versions: [tag("aws:ec2launchtemplate:version") ?? "$Latest"],
        }),
      );
      const userData = Buffer.from(
        out.LaunchTemplateVersions?.[0]?.LaunchTemplateData?.UserData ?? "",
        "base64",
      ).toString();
      starting.push([
        id,
        runInstance(image, network, { id, ip: i.PrivateIpAddress ?? "", userData }, AWS_TEST_ENV, {
          hosts: { [endpoint.hostname]: GATEWAY },
          caFile: endpoint.caFile,
        }),
      ]);
    }
    const started = await Promise.all(starting.map(([, c]) => c));
    starting.forEach(([id], n) => {
      const c = started[n];
      if (c) running.set(id, c);
    });
  }

  const logs = () =>
    [...running.values()]
      .map((c) => `--- ${c.instanceId} ${c.ip}\n${c.logs()}`)
      .join("\n")
      .slice(-8000);

  return {
    moto,
    running,
    sync,
    until: (what, fn, timeoutMs) => until(what, fn, { timeoutMs, context: logs }),
    stop,
  };
}

async function startMotoBehindAwsName(): Promise<{ moto: Moto; endpoint: AwsDnsEndpoint }> {
  const moto = await startMoto(GATEWAY);
  if ("skip" in moto) throw new Error(moto.skip);
  process.env.AWS_ENDPOINT_URL = moto.endpoint;
  try {
    return { moto, endpoint: await startAwsDnsEndpoint(REGION, GATEWAY, moto.endpoint) };
  } catch (error) {
    await moto.stop();
    throw error;
  }
}
