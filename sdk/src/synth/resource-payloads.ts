import type { Job } from "../constructs/job.js";
import type { NodePool } from "../constructs/node-pool.js";
import { file } from "../hcl/ast.js";
import { print } from "../hcl/printer.js";
import { kindBody } from "./kind-file.js";
import type { Problems } from "./problems.js";
import { taskSecrets } from "./secret-templates.js";
import { type ApiObject, apiObject, specToApi } from "./spec-to-api.js";

/** The body of `PUT /v1/node/pool`. */
export function nodePoolPayload(pool: NodePool, problems: Problems): ApiObject {
  const { capabilities: _offered, ...spec } = pool.props;
  return specToApi("NodePool", { ...spec, name: pool.name }, { path: pool.path, problems, at: "node_pool" });
}

/** Paths a task's workload identity may read without any policy. */
function implicitVariablePaths(job: Job, group: string, task: string): string[] {
  return [
    "nomad/jobs",
    `nomad/jobs/${job.id}`,
    `nomad/jobs/${job.id}/${group}`,
    `nomad/jobs/${job.id}/${group}/${task}`,
  ];
}

/**
 * For each task that reads Nomad Variables outside its implicit paths, the ACL policy
 * (`PUT /v1/acl/policy/<name>`) that lets its workload identity read exactly those paths.
 */
export function variablePolicies(job: Job): Array<{ name: string; payload: ApiObject }> {
  const namespace = jobNamespace(job);
  const policies: Array<{ name: string; payload: ApiObject }> = [];
  for (const group of job.groups) {
    for (const task of group.tasks) {
      const implicit = new Set(implicitVariablePaths(job, group.id, task.id));
      const paths = [
        ...new Set(
          taskSecrets(task)
            .filter((s) => s.store === "nomad" && !implicit.has(s.path))
            .map((s) => s.path),
        ),
      ].sort();
      if (paths.length === 0) continue;
      const readable = Object.fromEntries(paths.map((path) => [path, { capabilities: ["read"] }]));
      const rules = file(
        kindBody("aclPolicy", { namespace: { [namespace]: { variables: { path: readable } } } }),
      );
      // ACL policies are global, not per namespace: the environment goes into the name.
      const env = job.environment ? `-${job.environment.name}` : "";
      const name = `${job.id}-${group.id}-${task.id}-variables${env}`
        .replace(/[^A-Za-z0-9-]/g, "-")
        .slice(0, 128);
      policies.push({
        name,
        payload: apiObject("ACLPolicy", {
          Name: name,
          Description: `Lets task "${task.id}" of job "${job.id}" read the Nomad Variables it uses (written by nomadkit).`,
          Rules: print(rules),
          JobACL: apiObject("JobACL", {
            Namespace: namespace,
            JobID: job.id,
            Group: group.id,
            Task: task.id,
          }),
        }),
      });
    }
  }
  return policies;
}

/** The Nomad Variables a job's tasks read: path and keys only, never values. */
export function variablesUsed(job: Job): Array<{ path: string; payload: ApiObject }> {
  const keys = new Map<string, Set<string>>();
  for (const task of job.groups.flatMap((g) => g.tasks)) {
    for (const secret of taskSecrets(task)) {
      if (secret.store !== "nomad") continue;
      const set = keys.get(secret.path) ?? new Set<string>();
      set.add(secret.key);
      keys.set(secret.path, set);
    }
  }
  return [...keys].map(([path, set]) => ({
    path,
    payload: { Namespace: jobNamespace(job), Path: path, Keys: [...set].sort() },
  }));
}

/** The namespace a job runs in: its own, its environment's, or "default". */
export function jobNamespace(job: Job): string {
  return job.props.namespace ?? job.environment?.namespace ?? "default";
}
