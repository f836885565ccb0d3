import type { App } from "../constructs/app.js";
import type { Construct } from "../constructs/construct.js";
import { environmentOf } from "../constructs/construct.js";
import type { CsiVolume } from "../constructs/csi-volume.js";
import type { Group } from "../constructs/group.js";
import type { HostVolume } from "../constructs/host-volume.js";
import type { Job } from "../constructs/job.js";
import type { Port } from "../constructs/port.js";
import { declaredIn, segmentNetworkMode } from "./declared.js";
import type { Problems } from "./problems.js";
import { validateIngresses, validateSegments } from "./validate-mesh.js";
import { validateDeclaredVolume, validateVolumeRequest } from "./validate-volumes.js";

// Rules that span constructs. Field-level checks (types, enums, durations, cron) happen
// in specToApi; these are the ones Nomad would only report at submit time, or not at all.

export function validateApp(app: App, problems: Problems): void {
  if (app.jobs.length === 0)
    problems.add(`app "${app.name}"`, 'the app has no jobs: add one with `new Job(app, "name", {…})`');
  duplicates(app.environments, "environment", `app "${app.name}"`, problems);
  duplicates(
    app.jobs.filter((j) => !j.environment),
    "job",
    `app "${app.name}"`,
    problems,
  );
  for (const env of app.environments) duplicates(env.jobs, "job", env.path, problems);
  const pools = [...app.children, ...app.environments.flatMap((e) => e.children)].filter(
    (c) => c.kind === "nodePool",
  );
  duplicates(pools, "node pool", `app "${app.name}"`, problems);
  const csi = declaredIn<CsiVolume>(app, "csiVolume");
  const host = declaredIn<HostVolume>(app, "hostVolume");
  // Volumes, ingresses and segments are named per scope: the app, or one environment.
  for (const scope of [app, ...app.environments]) {
    const where = scope.kind === "app" ? `app "${app.name}"` : scope.path;
    for (const [kind, what] of [
      ["csiVolume", "CSI volume"],
      ["hostVolume", "host volume"],
      ["ingress", "ingress"],
      ["segment", "segment"],
    ] as const) {
      duplicates(
        scope.children.filter((c) => c.kind === kind),
        what,
        where,
        problems,
      );
    }
  }
  for (const volume of [...csi, ...host]) validateDeclaredVolume(volume, problems);
  validateSegments(app, problems);
  validateIngresses(app, problems);
  for (const job of app.jobs) validateJob(job, problems);
}

function duplicates(items: readonly Construct[], what: string, where: string, problems: Problems): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id))
      problems.add(where, `two ${what}s are named "${item.id}": give each a unique name`);
    seen.add(item.id);
  }
}

function validateJob(job: Job, problems: Problems): void {
  if (/\s/.test(job.id) || job.id === "")
    problems.add(job.path, "a job ID must be non-empty and contain no whitespace");
  if (job.groups.length === 0)
    problems.add(job.path, 'the job has no groups: add one with `new Group(job, "name", {…})`');
  duplicates(job.groups, "group", job.path, problems);
  const type = job.props.type ?? "service";
  if (job.props.periodic && type !== "batch" && type !== "sysbatch") {
    problems.add(
      job.path,
      `periodic: only batch and sysbatch jobs can be periodic; set type to "batch" (it is "${type}")`,
    );
  }
  if (job.props.parameterized && type !== "batch" && type !== "sysbatch") {
    problems.add(
      job.path,
      `parameterized: only batch and sysbatch jobs can be parameterized; set type to "batch" (it is "${type}")`,
    );
  }
  for (const group of job.groups) validateGroup(job, group, problems);
  const pool = job.nodePool;
  if (pool && pool.capabilities.length > 0) {
    const needs = [job.props.requires ?? [], ...job.groups.map((g) => g.props.requires ?? [])].flat(2);
    for (const capability of needs) {
      if (!pool.offers(capability)) {
        problems.add(
          job.path,
          `requires ${capability} but node pool "${pool.name}" offers only ${pool.capabilities.join(", ")}: ` +
            "add the capability to the pool or pick another pool",
        );
      }
    }
  }
}

function validateGroup(job: Job, group: Group, problems: Problems): void {
  const path = group.path;
  const count = group.props.count ?? 1;
  if (count < 0) problems.add(path, `count is ${count}: it must be 0 or more`);
  const canary = group.props.update?.canary ?? job.props.update?.canary ?? 0;
  if (count >= 0 && canary > count) {
    problems.add(
      path,
      `update › canary is ${canary} but count is ${count}: canaries can't outnumber the group's allocations`,
    );
  }
  if (group.tasks.length === 0)
    problems.add(path, 'the group has no tasks: add one with `new Task(group, "name", {…})`');
  duplicates(group.tasks, "task", path, problems);
  duplicates(group.ports, "port", path, problems);
  duplicates(group.volumes, "volume", path, problems);

  const leaders = group.tasks.filter((t) => t.leader);
  if (leaders.length > 1) {
    problems.add(
      path,
      `more than one leader task (${leaders.map((t) => `"${t.id}"`).join(", ")}): mark only one task as leader`,
    );
  }
  const mains = group.tasks.filter((t) => !t.props.lifecycle);
  if (group.tasks.length > 0 && mains.length === 0) {
    problems.add(
      path,
      "every task has a lifecycle hook, so there is no main task: remove `lifecycle` from the task that does the group's work",
    );
  }

  const ownPort = (port: Port, where: string): void => {
    if (port.group !== group) {
      problems.add(
        where,
        `port "${port.label}" belongs to ${port.group.path}, not this group: declare the port in this group`,
      );
    }
  };
  const mode =
    group.props.network?.mode ?? segmentNetworkMode(group) ?? (group.ports.length > 0 ? "host" : undefined);
  for (const volume of group.volumes) validateVolumeRequest(job, group, volume, problems);
  const services = [...group.services, ...group.tasks.flatMap((t) => t.services)];
  const serviceNames = new Map<string, string>();
  for (const service of services) {
    const key = `${service.owner.id}/${service.name}/${service.props.port?.label ?? ""}`;
    if (serviceNames.has(key))
      problems.add(service.path, `service "${service.name}" is declared twice with the same port`);
    serviceNames.set(key, service.path);
    if (service.props.port) ownPort(service.props.port, service.path);
    const takesTraffic =
      service.props.port !== undefined || service.props.connect?.sidecarService !== undefined;
    if (takesTraffic && (service.props.checks ?? []).length === 0 && !service.props.withoutHealthCheck) {
      problems.add(
        service.path,
        "the service takes traffic but has no health check, so traffic could reach an allocation that isn't ready: " +
          'add `checks: [Check.http(…)]` (or tcp/grpc), or opt out with `withoutHealthCheck: { reason: "…" }`',
      );
    }
    for (const check of service.props.checks ?? []) {
      if (check.port) ownPort(check.port, service.path);
      if (check.task && check.task.group !== group) {
        problems.add(
          service.path,
          `script check runs in task "${check.task.id}", which is not in this group`,
        );
      }
    }
    if (service.props.connect?.sidecarService) {
      for (const check of service.props.checks ?? []) {
        if (check.type === "tcp") {
          problems.add(
            service.path,
            "a Connect service can't have a tcp check (Nomad rejects it): use Check.http or Check.grpc with `expose: true`, or Check.script",
          );
        }
        if (
          check.spec.expose &&
          !check.port &&
          !service.props.port?.props.to &&
          !service.props.port?.props.static
        ) {
          problems.add(
            service.path,
            "an exposed check needs the port the app listens on inside the allocation: give the service's port a `to`",
          );
        }
      }
    }
    if (service.props.connect) {
      if (service.owner.kind === "task") {
        problems.add(
          service.path,
          "connect: Consul Connect services belong on the group, not on a task: move the service to the group",
        );
      }
      if (mode !== "bridge" && !(mode ?? "").startsWith("cni/")) {
        problems.add(
          service.path,
          `connect needs the group network in bridge mode: set network: { mode: "bridge" } on ${group.path}` +
            (mode ? ` (it is "${mode}")` : " (the group has no network)"),
        );
      }
    }
  }
  // Upstreams of all sidecars in a group share the allocation's loopback.
  const bindPorts = new Map<number, string>();
  for (const service of services) {
    for (const upstream of service.props.connect?.sidecarService?.proxy?.upstreams ?? []) {
      const name =
        typeof upstream.destination === "string" ? upstream.destination : upstream.destination.name;
      if (typeof upstream.destination !== "string") {
        const from = environmentOf(service);
        const to = environmentOf(upstream.destination);
        if (from !== to) {
          problems.add(
            service.path,
            `upstream to ${upstream.destination.path} crosses environments (${from ? `"${from.name}"` : "none"} → ` +
              `${to ? `"${to.name}"` : "none"}): a service may only reach services of its own environment`,
          );
        }
      }
      const other = bindPorts.get(upstream.localBindPort);
      if (other !== undefined) {
        problems.add(
          service.path,
          `upstreams "${other}" and "${name}" both bind local port ${upstream.localBindPort}: give each upstream its own local_bind_port`,
        );
      }
      bindPorts.set(upstream.localBindPort, name);
    }
  }

  for (const task of group.tasks) {
    for (const port of task.props.driver.ports) ownPort(port, task.path);
    for (const mount of task.props.volumeMounts ?? []) {
      if (mount.volume.group !== group) {
        problems.add(
          task.path,
          `volume "${mount.volume.name}" belongs to ${mount.volume.group.path}, not this group: declare it in this group`,
        );
      }
    }
    if (task.serves && (task.serves.group !== group || task.serves.props.lifecycle)) {
      problems.add(
        task.path,
        `serves task "${task.serves.id}", which is ${task.serves.group !== group ? `in ${task.serves.group.path}, not this group` : "itself a lifecycle task"}: pass a main task of this group`,
      );
    }
    if (task.props.lifecycle?.sidecar && task.props.lifecycle.hook === "poststop") {
      problems.add(task.path, "lifecycle: a poststop task can't be a sidecar; remove `sidecar: true`");
    }
  }
}
