import { literalSecretReason, Secret } from "../constructs/secret.js";
import type { Task } from "../constructs/task.js";
import type { TemplateSpec } from "../schema/specs.generated.js";
import type { Problems } from "./problems.js";

/** Where a task's secret env vars are rendered; `env = true` loads them into the task. */
export const SECRET_ENV_FILE = "secrets/nomadkit.env";

export interface TaskSecrets {
  /** The task's env with secret values removed (they move to a template). */
  env: Record<string, string> | undefined;
  templates: TemplateSpec[];
  usesVault: boolean;
}

/**
 * Turns a task's Secret env values and secret files into template blocks that read the
 * value at run time, and refuses literals that look like credentials.
 */
export function secretTemplates(task: Task, problems: Problems): TaskSecrets {
  const { env, secretFiles = [], allowLiteralSecrets = [], meta } = task.props;
  const allowed = new Set(allowLiteralSecrets);
  const plain: Record<string, string> = {};
  const fromSecrets: Array<[string, Secret]> = [];
  for (const [name, value] of Object.entries(env ?? {})) {
    if (Secret.is(value)) fromSecrets.push([name, value]);
    else plain[name] = value;
  }
  for (const [where, values] of [
    ["env", plain],
    ["meta", meta ?? {}],
  ] as const) {
    for (const [name, value] of Object.entries(values)) {
      const reason = allowed.has(name) ? undefined : literalSecretReason(name, value);
      if (reason) {
        problems.add(
          task.path,
          `${where}: ${reason}; use Secret.fromVault(…) or Secret.fromNomadVariable(…), or list "${name}" in allowLiteralSecrets`,
        );
      }
    }
  }
  const templates: TemplateSpec[] = [];
  if (fromSecrets.length > 0) {
    templates.push({
      destination: SECRET_ENV_FILE,
      env: true,
      changeMode: "restart",
      perms: "0400",
      data: fromSecrets.map(([name, secret]) => `${name}=${secret.template}\n`).join(""),
    });
  }
  for (const file of secretFiles) {
    templates.push({
      destination: file.destination,
      data: file.secret.template,
      changeMode: file.changeMode ?? "restart",
      ...(file.changeSignal ? { changeSignal: file.changeSignal } : {}),
      perms: file.perms ?? "0400",
    });
  }
  const all = [...fromSecrets.map(([, s]) => s), ...secretFiles.map((f) => f.secret)];
  return {
    env: Object.keys(plain).length > 0 ? plain : undefined,
    templates,
    usesVault: all.some((s) => s.store === "vault"),
  };
}

/** Every Secret a task reads. */
export function taskSecrets(task: Task): Secret[] {
  const fromEnv = Object.values(task.props.env ?? {}).filter(Secret.is);
  return [...fromEnv, ...(task.props.secretFiles ?? []).map((f) => f.secret)];
}
