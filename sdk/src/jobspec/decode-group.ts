// group and task blocks, which jobspec2 decodes with extra steps around gohcl:
// `meta`/`env` may be attributes, a group's `vault` and `secret` blocks are handed down to
// its tasks, group scaling is "horizontal" and needs `max`, and a task's `scaling "cpu"` /
// `scaling "mem"` blocks become vertical scaling policies.
import type { Block, Body, Range } from "../hcl/ast.js";
import { api, driverRoot, labelApi } from "../schema/index.js";
import { GROUP_SCALING_TYPE } from "../schema/jobspec2-defaults.js";
import {
  type ApiObject,
  type DecodeContext,
  decodeFields,
  decodeStructBody,
  headerRange,
} from "./decode-body.js";
import type { Json } from "./decode-value.js";
import { checkDriverConfig } from "./loose.js";

const blocksOf = (body: Body, type: string): Block[] =>
  body.items.filter((i): i is Block => i.type === "Block" && i.blockType === type);

/** A group's (or the job's) own vault block: the last one counts, as in jobspec2. */
export function decodeVault(ctx: DecodeContext, blocks: Block[]): ApiObject | undefined {
  for (const extra of blocks.slice(0, -1)) {
    ctx.diagnostics.warning("duplicate-block", "Only the last vault block here is used.", headerRange(extra));
  }
  const last = blocks[blocks.length - 1];
  return last && decodeStructBody(ctx, "Vault", last.body, headerRange(last));
}

export function decodeSecrets(ctx: DecodeContext, blocks: Block[]): ApiObject[] {
  const out: ApiObject[] = [];
  for (const block of blocks) {
    if (block.labels.length !== 1) {
      ctx.diagnostics.error(
        "wrong-label-count",
        "A secret block takes one label, its name.",
        headerRange(block),
      );
      continue;
    }
    out.push({
      ...decodeStructBody(ctx, "Secret", block.body, headerRange(block)),
      [labelApi("Secret")]: block.labels[0]?.value ?? "",
    });
  }
  return out;
}

export function groupHook(ctx: DecodeContext, body: Body, header: Range | undefined): ApiObject {
  const group = decodeFields(ctx, "TaskGroup", body, header, {
    skip: new Set(["vault", "secret"]),
    attributeMaps: new Set(["meta"]),
  });
  const vault = decodeVault(ctx, blocksOf(body, "vault"));
  const secrets = decodeSecrets(ctx, blocksOf(body, "secret"));
  const tasks = (group[api("TaskGroup", "task")] as ApiObject[] | undefined) ?? [];
  const vaultKey = api("Task", "vault");
  const secretsKey = api("Task", "secret");
  for (const task of tasks) {
    if (vault && task[vaultKey] === undefined) task[vaultKey] = vault;
    if (secrets.length === 0) continue;
    const own = (task[secretsKey] as Json[] | undefined) ?? [];
    // jobspec2 appends the task's own secrets to themselves here rather than the group's
    // (parse_job.go, decodeTaskGroup); kept so the JSON matches `nomad job run`.
    task[secretsKey] = own.length === 0 ? secrets : [...own, ...own];
  }
  const scalingKey = api("TaskGroup", "scaling");
  const scaling = group[scalingKey] as ApiObject | undefined;
  if (scaling) checkGroupScaling(ctx, scaling, blocksOf(body, "scaling")[0]);
  return group;
}

function checkGroupScaling(ctx: DecodeContext, scaling: ApiObject, block: Block | undefined): void {
  const typeKey = api("ScalingPolicy", "type");
  if (scaling[typeKey] === undefined || scaling[typeKey] === "") scaling[typeKey] = GROUP_SCALING_TYPE;
  if (!block) return;
  if (scaling[api("ScalingPolicy", "max")] === undefined) {
    ctx.diagnostics.error("missing-required", 'A group scaling block needs "max".', headerRange(block));
  }
  if (scaling[typeKey] !== GROUP_SCALING_TYPE) {
    const attr = block.body.items.find((i) => i.type === "Attribute" && i.name === "type");
    const range = attr?.type === "Attribute" ? attr.value.range : headerRange(block);
    ctx.diagnostics.error(
      "bad-value",
      `A group's scaling type must be "${GROUP_SCALING_TYPE}", not "${String(scaling[typeKey])}".`,
      range,
    );
  }
}

/** Task scaling block labels and the policy type each one makes. */
const VERTICAL: Record<string, string> = { cpu: "vertical_cpu", mem: "vertical_mem" };

export function taskHook(ctx: DecodeContext, body: Body, header: Range | undefined): ApiObject {
  const task = decodeFields(ctx, "Task", body, header, {
    skip: new Set(["scaling"]),
    attributeMaps: new Set(["env", "meta"]),
  });
  const policies: ApiObject[] = [];
  const seen = new Set<string>();
  for (const block of blocksOf(body, "scaling")) {
    const label = block.labels[0];
    if (block.labels.length !== 1 || !label) {
      ctx.diagnostics.error(
        "wrong-label-count",
        'A task scaling block takes one label: "cpu" or "mem".',
        headerRange(block),
      );
      continue;
    }
    const name = label.value.toLowerCase();
    const type = VERTICAL[name];
    if (!type) {
      ctx.diagnostics.error("bad-label", 'A task scaling block is labelled "cpu" or "mem".', label.range);
      continue;
    }
    if (seen.has(name)) {
      ctx.diagnostics.error(
        "duplicate-label",
        `Only one scaling "${name}" block is allowed.`,
        headerRange(block),
      );
      continue;
    }
    seen.add(name);
    const policy = decodeStructBody(ctx, "ScalingPolicy", block.body, headerRange(block));
    const typeKey = api("ScalingPolicy", "type");
    if (policy[typeKey] === undefined || policy[typeKey] === "") policy[typeKey] = type;
    else if (policy[typeKey] !== type) {
      ctx.diagnostics.error(
        "bad-value",
        `A scaling "${name}" block has type "${type}", not "${String(policy[typeKey])}".`,
        headerRange(block),
      );
      continue;
    }
    policies.push(policy);
  }
  if (policies.length > 0) task[api("Task", "scaling")] = policies;
  const driver = task[api("Task", "driver")];
  const root = typeof driver === "string" ? driverRoot(driver) : undefined;
  const config = blocksOf(body, "config")[0];
  if (root && config && typeof driver === "string")
    checkDriverConfig(ctx.diagnostics, root, driver, config.body, headerRange(config));
  return task;
}
