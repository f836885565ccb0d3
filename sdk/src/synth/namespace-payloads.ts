import type { App } from "../constructs/app.js";
import { environmentOf } from "../constructs/construct.js";
import type { Namespace } from "../constructs/namespace.js";
import { file } from "../hcl/ast.js";
import { print } from "../hcl/printer.js";
import { declaredIn } from "./declared.js";
import { kindBody } from "./kind-file.js";
import type { Problems } from "./problems.js";
import { type ApiObject, apiObject, specToApi } from "./spec-to-api.js";
import type { SynthesizedResource } from "./synth.js";

/** Nomad's own namespace: it always exists and can't be written. */
const BUILT_IN = "default";

/**
 * The namespaces an app writes (`PUT /v1/namespace/<name>`): each `Namespace` construct,
 * and each namespace an environment or job names by string. One resource per name; a
 * name used by one environment only belongs to that environment.
 */
export function namespaceResources(
  app: App,
  jobNamespaces: ReadonlyArray<{ namespace: string; environment: string | undefined }>,
  problems: Problems,
): SynthesizedResource[] {
  const declared = declaredIn<Namespace>(app, "namespace");
  const byName = new Map<string, Namespace>();
  for (const ns of declared) {
    const seen = byName.get(ns.name);
    if (seen && seen !== ns)
      problems.add(
        ns.path,
        `namespace "${ns.name}" is also declared at ${seen.path}: declare it once and share it`,
      );
    else byName.set(ns.name, ns);
  }
  // Which environments use each name (undefined: the app's own jobs).
  const users = new Map<string, Set<string | undefined>>();
  const use = (name: string | undefined, environment: string | undefined) => {
    if (name === undefined) return;
    users.set(name, (users.get(name) ?? new Set()).add(environment));
  };
  for (const ns of declared) use(ns.name, environmentOf(ns)?.name);
  for (const env of app.environments) use(env.namespace, env.name);
  for (const { namespace, environment } of jobNamespaces) use(namespace, environment);
  const out: SynthesizedResource[] = [];
  for (const [name, envs] of users) {
    const construct = byName.get(name);
    if (name === BUILT_IN || construct?.external) continue;
    const only = envs.size === 1 ? [...envs][0] : undefined;
    const description =
      construct?.props.description ??
      (only ? `namespace of environment "${only}" (written by nomadkit)` : "written by nomadkit");
    const props = construct?.props ?? {};
    const capabilities =
      props.capabilities &&
      specToApi("NamespaceCapabilities", props.capabilities, {
        path: construct?.path ?? `namespace "${name}"`,
        problems,
        at: "namespace › capabilities",
      });
    const payload: ApiObject = apiObject("Namespace", {
      Name: name,
      Description: description,
      ...(props.meta ? { Meta: { ...props.meta } } : {}),
      ...(capabilities ? { Capabilities: capabilities } : {}),
    });
    const hcl = print(
      file(
        kindBody("namespace", {
          name,
          description,
          ...(props.meta ? { meta: { ...props.meta } } : {}),
          ...(props.capabilities ? { capabilities: snakeKeys(props.capabilities) } : {}),
        }),
      ),
    );
    out.push({ kind: "namespace", name, ...(only ? { environment: only } : {}), payload, hcl });
  }
  return out;
}

function snakeKeys(value: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]),
  );
}
