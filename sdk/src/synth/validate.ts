import type { App } from "../constructs/app.js";
import type { Construct } from "../constructs/construct.js";
import { environmentOf } from "../constructs/construct.js";
import type { CsiVolume } from "../constructs/csi-volume.js";
import type { Group } from "../constructs/group.js";
import type { HostVolume } from "../constructs/host-volume.js";
import type { Job } from "../constructs/job.js";
import { declaredIn } from "./declared.js";
import type { Problems } from "./problems.js";
import { validateCollisions } from "./validate-collisions.js";
import { validateIngresses, validateSegments } from "./validate-mesh.js";
import { validateDeclaredVolume, validateDeclaredVolumeRequest } from "./validate-volumes.js";

// Checks of the construct graph that have no form in a job's payload (names of
// environments, jobs, pools and declared volumes per scope; segments and ingresses; node
// pool capabilities; …). Field-level checks (types, enums, durations) happen in specToApi;
// the semantic rules over each job's payload are the rule engine's (sdk/src/rules), run
// by synth through rule-problems.ts.

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
  validateCollisions(app, problems);
}

function duplicates(items: readonly Construct[], what: string, where: string, problems: Problems): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id))
      problems.add(where, `two ${what}s are named "${item.id}": give each a unique name`);
    seen.add(item.id);
  }
}

/**
 * What the rule engine can't see in a job's payload: a job's node pool capabilities, a
 * group's duplicate volume names (the payload keeps volumes in a map), the tasks a task
 * serves, health-check opt-outs, upstreams across environments, and volume requests
 * against the volumes the app declares. Everything else is a rule (sdk/src/rules).
 */
function validateJob(job: Job, problems: Problems): void {
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
  duplicates(group.volumes, "volume", group.path, problems);
  for (const volume of group.volumes) validateDeclaredVolumeRequest(job, group, volume, problems);
  for (const service of [...group.services, ...group.tasks.flatMap((t) => t.services)]) {
    // nomadkit's own policy, with an opt-out only constructs have: traffic waits for a check.
    const takesTraffic =
      service.props.port !== undefined || service.props.connect?.sidecarService !== undefined;
    if (takesTraffic && (service.props.checks ?? []).length === 0 && !service.props.withoutHealthCheck) {
      problems.add(
        service.path,
        "the service takes traffic but has no health check, so traffic could reach an allocation that isn't ready: " +
          'add `checks: [Check.http(…)]` (or tcp/grpc), or opt out with `withoutHealthCheck: { reason: "…" }`',
      );
    }
    for (const upstream of service.props.connect?.sidecarService?.proxy?.upstreams ?? []) {
      if (typeof upstream.destination === "string") continue;
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
  }
  for (const task of group.tasks) {
    if (task.serves && (task.serves.group !== group || task.serves.props.lifecycle)) {
      problems.add(
        task.path,
        `serves task "${task.serves.id}", which is ${task.serves.group !== group ? `in ${task.serves.group.path}, not this group` : "itself a lifecycle task"}: pass a main task of this group`,
      );
    }
  }
}
