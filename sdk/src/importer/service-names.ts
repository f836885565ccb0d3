// Nomad names a service written without a name when the job is registered (the api
// module's Service.Canonicalize): `<job>-<group>-<task>` inside a task, `<job>-<group>` in a
// group. The importer gives the constructs that name, which a Service needs, and compares
// with the original as Nomad will see it.
import type { ApiObject } from "../jobspec/decode.js";
import { api, labelApi } from "../schema/index.js";

export function withServiceNames(job: ApiObject): ApiObject {
  const jobName = String(job[api("Job", "name")] ?? job[api("Job", "id")] ?? "");
  const groups = list(job[api("Job", "group")]).map((group) => {
    const prefix = `${jobName}-${String(group[labelApi("TaskGroup")] ?? "")}`;
    const tasksKey = api("TaskGroup", "task");
    const tasks = Array.isArray(group[tasksKey])
      ? {
          [tasksKey]: list(group[tasksKey]).map((task) =>
            named(task, api("Task", "service"), `${prefix}-${String(task[labelApi("Task")] ?? "")}`),
          ),
        }
      : {};
    return named({ ...group, ...tasks }, api("TaskGroup", "service"), prefix);
  });
  return groups.length > 0 ? { ...job, [api("Job", "group")]: groups } : job;
}

/** `owner` with each service under `key` that has no name given `name`. */
function named(owner: ApiObject, key: string, name: string): ApiObject {
  const services = owner[key];
  if (!Array.isArray(services)) return owner;
  const nameKey = api("Service", "name");
  return {
    ...owner,
    [key]: services.map((s) => {
      const service = s as ApiObject;
      return service[nameKey] ? service : { ...service, [nameKey]: name };
    }),
  };
}

function list(value: unknown): ApiObject[] {
  return Array.isArray(value) ? (value as ApiObject[]) : [];
}
