// Cloud instances as real Nomad agents: for each instance the cloud fake reports running,
// a container on a Docker network whose subnet holds the VPC's, with the instance's own
// private IP, running the instance's user data (the boot script) under busybox. The image is
// built locally with `docker import` from busybox-static and the Nomad binary the harness
// builds; no registry is needed.
//
// Drives the docker CLI directly: the containers need a fixed IP on a user network, which
// is one `--ip` flag here.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const NO_DOCKER =
  "install docker.io and start dockerd (.ci/run does both) to run the cluster tests with real agents";

export function dockerAvailable(): boolean {
  return spawnSync("docker", ["info"], { stdio: "ignore" }).status === 0;
}

function docker(...args: string[]): string {
  return execFileSync("docker", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** Bump when the rootfs below changes, so a stale image isn't reused. */
const IMAGE_LAYOUT = "2";

/** The node image (busybox + nomad), built once per Nomad binary. */
export function nodeImage(nomadPath: string): string {
  const version = execFileSync(nomadPath, ["version"], { encoding: "utf8" }).split("\n")[0] ?? "";
  const tag = `nomadkit-node:${createHash("sha256").update(IMAGE_LAYOUT).update(version).update(nomadPath).digest("hex").slice(0, 12)}`;
  if (spawnSync("docker", ["image", "inspect", tag], { stdio: "ignore" }).status === 0) return tag;
  const busybox = ["/bin/busybox", "/usr/bin/busybox"].find((p) => spawnSync(p, ["true"]).status === 0);
  if (!busybox) throw new Error("no busybox-static (apt-get install busybox-static)");
  const root = mkdtempSync(join(tmpdir(), "nomadkit-rootfs-"));
  try {
    for (const d of [
      "bin",
      "sbin",
      "usr/bin",
      "usr/local/bin",
      "etc/nomad.d",
      "opt/nomad",
      "tmp",
      "root",
      "proc",
      "sys",
      "dev",
    ])
      mkdirSync(join(root, d), { recursive: true });
    copyFileSync(busybox, join(root, "bin/busybox"));
    const applets = execFileSync(busybox, ["--list"], { encoding: "utf8" }).split("\n").filter(Boolean);
    for (const a of applets) if (a !== "busybox") symlinkSync("/bin/busybox", join(root, "bin", a));
    copyFileSync(nomadPath, join(root, "usr/local/bin/nomad"));
    writeFileSync(
      join(root, "etc/passwd"),
      "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n",
    );
    writeFileSync(join(root, "etc/group"), "root:x:0:\nnogroup:x:65534:\n");
    writeFileSync(join(root, "etc/hosts"), "127.0.0.1 localhost\n");
    // Without it Go asks DNS before /etc/hosts, where the tests put names (--add-host).
    writeFileSync(join(root, "etc/nsswitch.conf"), "hosts: files dns\n");
    execFileSync(
      "sh",
      [
        "-c",
        `chmod 0755 "${root}/usr/local/bin/nomad" && chmod 1777 "${root}/tmp" && tar -C "${root}" -cf - . | docker import -c 'ENV PATH=/usr/local/bin:/bin' - ${tag}`,
      ],
      {
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return tag;
}

export interface AgentNetwork {
  readonly name: string;
  readonly gateway: string;
  remove(): void;
}

/** A bridge network over `subnet`, its gateway the host's address on it. */
export function createNetwork(subnet: string, gateway: string): AgentNetwork {
  const name = `nomadkit-vpc-${process.pid}`;
  spawnSync("docker", ["network", "rm", name], { stdio: "ignore" });
  docker("network", "create", "--subnet", subnet, "--gateway", gateway, name);
  return {
    name,
    gateway,
    remove: () => void spawnSync("docker", ["network", "rm", name], { stdio: "ignore" }),
  };
}

export interface InstanceContainer {
  readonly instanceId: string;
  readonly ip: string;
  readonly id: string;
  logs(): string;
  stop(): void;
}

/** Runs an instance's user data in a container at the instance's private IP. */
export function runInstance(
  image: string,
  network: AgentNetwork,
  instance: { id: string; ip: string; userData: string },
  env: Record<string, string>,
  extra: { hosts?: Record<string, string>; caFile?: string } = {},
): InstanceContainer {
  const dir = mkdtempSync(join(tmpdir(), "nomadkit-instance-"));
  writeFileSync(join(dir, "user-data"), instance.userData);
  const envArgs = Object.entries({
    ...env,
    NOMADKIT_INSTANCE_ID: instance.id,
    NOMADKIT_FOREGROUND: "1",
  }).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
  const id = docker(
    "run",
    "-d",
    "--name",
    `nomadkit-${instance.id}-${process.pid}`,
    "--label",
    `nomadkit-test=${process.pid}`,
    "--network",
    network.name,
    "--ip",
    instance.ip,
    "--hostname",
    instance.id,
    "-v",
    `${dir}/user-data:/var/lib/cloud/user-data:ro`,
    // Nomad clients make cgroups for their tasks; the container's own view is read-only,
    // and --privileged is not allowed everywhere (not inside another container).
    "-v",
    "/sys/fs/cgroup:/sys/fs/cgroup:rw",
    ...envArgs,
    ...Object.entries(extra.hosts ?? {}).flatMap(([host, ip]) => ["--add-host", `${host}:${ip}`]),
    ...(extra.caFile ? ["-v", `${extra.caFile}:/etc/ssl/certs/ca-certificates.crt:ro`] : []),
    image,
    "/bin/sh",
    "/var/lib/cloud/user-data",
  );
  return {
    instanceId: instance.id,
    ip: instance.ip,
    id,
    logs: () =>
      spawnSync("docker", ["logs", "--tail", "80", id], { encoding: "utf8" }).stdout +
      spawnSync("docker", ["logs", "--tail", "80", id], { encoding: "utf8" }).stderr,
    stop: () => {
      spawnSync("docker", ["rm", "-f", id], { stdio: "ignore" });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Removes every container this process started (a crashed run's leftovers too). */
export function removeAllInstances(): void {
  const ids = spawnSync("docker", ["ps", "-aq", "--filter", `label=nomadkit-test=${process.pid}`], {
    encoding: "utf8",
  })
    .stdout.split("\n")
    .filter(Boolean);
  if (ids.length > 0) spawnSync("docker", ["rm", "-f", ...ids], { stdio: "ignore" });
}
