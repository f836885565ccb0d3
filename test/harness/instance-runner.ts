// Cloud instances as real Nomad agents: for each instance the cloud fake reports running,
// a container on a Docker network whose subnet holds the VPC's, with the instance's own
// private IP, running the instance's user data (the boot script) under busybox. The image is
// built locally with the engine's import (`docker import`) from busybox-static and the Nomad
// binary the harness builds; no registry is needed.
//
// The containers are started with testcontainers. Its Ryuk reaper is an image from a
// registry, so it is off unless asked for, and this file removes what it started (by
// label) instead.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type ContainerRuntimeClient,
  GenericContainer,
  getContainerRuntimeClient,
  ImageName,
  type StartedTestContainer,
} from "testcontainers";

process.env.TESTCONTAINERS_RYUK_DISABLED ??= "true";

export const NO_DOCKER =
  "install docker.io and start dockerd (.ci/run does both) to run the cluster tests with real agents";

/** Labels every network and container this harness makes; the value is the owning process. */
const OWNER_LABEL = "nomadkit-test";

let runtime: Promise<ContainerRuntimeClient> | undefined;
function engine(): Promise<ContainerRuntimeClient> {
  runtime ??= getContainerRuntimeClient();
  return runtime;
}

/** Whether a Docker engine answers. */
export async function dockerAvailable(): Promise<boolean> {
  try {
    await engine();
    return true;
  } catch {
    runtime = undefined;
    return false;
  }
}

/** Bump when the rootfs below changes, so a stale image isn't reused. */
const IMAGE_LAYOUT = "3";

/** The node image (busybox + nomad), built once per Nomad binary. */
export async function nodeImage(nomadPath: string): Promise<string> {
  const client = await engine();
  const version = execFileSync(nomadPath, ["version"], { encoding: "utf8" }).split("\n")[0] ?? "";
  const tag = createHash("sha256")
    .update(IMAGE_LAYOUT)
    .update(version)
    .update(nomadPath)
    .digest("hex")
    .slice(0, 12);
  const image = `nomadkit-node:${tag}`;
  if (await client.image.exists(ImageName.fromString(image))) return image;
  const busybox = ["/bin/busybox", "/usr/bin/busybox"].find((p) => spawnSync(p, ["true"]).status === 0);
  if (!busybox) throw new Error("no busybox-static (apt-get install busybox-static)");
  const root = mkdtempSync(join(tmpdir(), "nomadkit-rootfs-"));
  try {
    const fs = join(root, "fs");
    for (const d of ["bin", "sbin", "usr/bin", "usr/local/bin", "etc/nomad.d", "opt/nomad", "tmp", "root"])
      mkdirSync(join(fs, d), { recursive: true });
    for (const d of ["proc", "sys", "dev", "var/lib/cloud"]) mkdirSync(join(fs, d), { recursive: true });
    copyFileSync(busybox, join(fs, "bin/busybox"));
    const applets = execFileSync(busybox, ["--list"], { encoding: "utf8" }).split("\n").filter(Boolean);
    for (const a of applets) if (a !== "busybox") symlinkSync("/bin/busybox", join(fs, "bin", a));
    copyFileSync(nomadPath, join(fs, "usr/local/bin/nomad"));
    writeFileSync(
      join(fs, "etc/passwd"),
      "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n",
    );
    writeFileSync(join(fs, "etc/group"), "root:x:0:\nnogroup:x:65534:\n");
    writeFileSync(join(fs, "etc/hosts"), "127.0.0.1 localhost\n");
    // Without it Go asks DNS before /etc/hosts, where the tests put names (extra hosts).
    writeFileSync(join(fs, "etc/nsswitch.conf"), "hosts: files dns\n");
    chmodSync(join(fs, "usr/local/bin/nomad"), 0o755);
    chmodSync(join(fs, "tmp"), 0o1777);
    const tar = join(root, "rootfs.tar");
    execFileSync("tar", ["-C", fs, "-cf", tar, "."]);
    const docker = client.container.dockerode;
    const progress = await docker.importImage(tar, {
      repo: "nomadkit-node",
      tag,
      changes: ["ENV PATH=/usr/local/bin:/bin"],
    });
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(progress, (error: Error | null, out: { error?: string }[]) => {
        const failed = error ?? out.find((o) => o.error)?.error;
        if (failed) reject(new Error(`importing ${image}: ${String(failed)}`));
        else resolve();
      }),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return image;
}

export interface AgentNetwork {
  readonly name: string;
  readonly gateway: string;
  remove(): Promise<void>;
}

/**
 * A bridge network over `subnet`, its gateway the host's address on it. Leftovers of a run
 * that died (a network on the same subnet whose owner is gone) are removed first.
 */
export async function createNetwork(subnet: string, gateway: string): Promise<AgentNetwork> {
  const client = await engine();
  const docker = client.container.dockerode;
  for (const n of await docker.listNetworks({ filters: { label: [OWNER_LABEL] } })) {
    const owner = Number(n.Labels?.[OWNER_LABEL]);
    const mine = owner === process.pid;
    if (!mine && alive(owner)) continue;
    await removeContainersOf(client, String(owner));
    await docker
      .getNetwork(n.Id)
      .remove()
      .catch(() => undefined);
  }
  const name = `nomadkit-vpc-${process.pid}`;
  const network = await client.network.create({
    Name: name,
    Driver: "bridge",
    CheckDuplicate: true,
    Labels: { [OWNER_LABEL]: String(process.pid) },
    IPAM: { Driver: "default", Config: [{ Subnet: subnet, Gateway: gateway }] },
  });
  return { name, gateway, remove: () => client.network.remove(network).catch(() => undefined) };
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A container with a fixed address on a user network: testcontainers' container options
 * (Docker's create options) carry the endpoint's IPAM config, as `docker run --ip` does.
 */
class InstanceMachine extends GenericContainer {
  constructor(image: string, network: AgentNetwork, ip: string) {
    super(image);
    this.withNetworkMode(network.name);
    this.createOpts.NetworkingConfig = {
      EndpointsConfig: { [network.name]: { IPAMConfig: { IPv4Address: ip } } },
    };
  }
}

/**
 * What a Nomad client needs to run tasks: mounts for the task and secrets directories
 * (SYS_ADMIN, which Docker's seccomp profile also reads to allow mount and unshare), cgroups
 * for each task under a writable /sys/fs/cgroup. --privileged is not allowed everywhere (not
 * inside another container), so the capabilities are named.
 */
const CLIENT_CAPABILITIES = ["SYS_ADMIN"];

export interface InstanceContainer {
  readonly instanceId: string;
  readonly ip: string;
  readonly id: string;
  /** The last lines the instance wrote. */
  logs(): string;
  stop(): Promise<void>;
}

const LOG_LINES = 80;

/** Runs an instance's user data in a container at the instance's private IP. */
export async function runInstance(
  image: string,
  network: AgentNetwork,
  instance: { id: string; ip: string; userData: string },
  env: Record<string, string>,
  extra: { hosts?: Record<string, string>; caFile?: string } = {},
): Promise<InstanceContainer> {
  const lines: string[] = [];
  const container = new InstanceMachine(image, network, instance.ip)
    .withName(`nomadkit-${instance.id}-${process.pid}`)
    .withLabels({ [OWNER_LABEL]: String(process.pid) })
    .withHostname(instance.id)
    .withEnvironment({ ...env, NOMADKIT_INSTANCE_ID: instance.id, NOMADKIT_FOREGROUND: "1" })
    .withCopyContentToContainer([{ content: instance.userData, target: "/var/lib/cloud/user-data" }])
    .withBindMounts([{ source: "/sys/fs/cgroup", target: "/sys/fs/cgroup", mode: "rw" }])
    .withAddedCapabilities(...CLIENT_CAPABILITIES)
    .withExtraHosts(Object.entries(extra.hosts ?? {}).map(([host, ipAddress]) => ({ host, ipAddress })))
    .withLogConsumer((stream) => {
      stream.on("data", (chunk: Buffer | string) => {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        if (lines.length > 4 * LOG_LINES) lines.splice(0, lines.length - LOG_LINES);
      });
    })
    .withCommand(["/bin/sh", "/var/lib/cloud/user-data"]);
  if (extra.caFile)
    container.withCopyFilesToContainer([
      { source: extra.caFile, target: "/etc/ssl/certs/ca-certificates.crt" },
    ]);
  const started: StartedTestContainer = await container.start();
  return {
    instanceId: instance.id,
    ip: instance.ip,
    id: started.getId(),
    logs: () => lines.slice(-LOG_LINES).join("\n"),
    stop: async () => {
      await started.stop({ timeout: 0, remove: true }).catch(() => undefined);
    },
  };
}

async function removeContainersOf(client: ContainerRuntimeClient, owner: string): Promise<void> {
  const docker = client.container.dockerode;
  const list = await docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${owner}`] } });
  await Promise.all(
    list.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined),
    ),
  );
}

/** Removes every container this process started. */
export async function removeAllInstances(): Promise<void> {
  await removeContainersOf(await engine(), String(process.pid));
}
