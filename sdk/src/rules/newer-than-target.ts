// Fields newer than the Nomad version an app targets. Unlike the rules in RULES, this one
// depends on a setting (the target version), so the runner takes it as an argument; the
// model walk follows the schema's types, so every field's `since` is read from one place.
import { driverRoot, fieldByApi, nomadSchema } from "../schema/index.js";
import type { TypeRef } from "../schema/types.js";
import { type ModelObject, type ModelPath, obj } from "./model.js";
import type { Finding } from "./rule.js";

export const NEWER_THAN_TARGET = "newer-than-target";

/** The Nomad version the schema (and so nomadkit) is pinned to. */
export function pinnedNomadVersion(): string {
  return nomadSchema().nomadVersion;
}

/** `"1.11.3"` → [1, 11, 3]; a leading v and any pre-release or build suffix are ignored. */
export function parseVersion(v: string): number[] {
  const core = v.replace(/^v/, "").split(/[-+]/)[0] ?? "";
  return core.split(".").map((n) => Number.parseInt(n, 10) || 0);
}

/** Whether version `since` is later than `target`. */
export function newer(since: string, target: readonly number[]): boolean {
  const s = parseVersion(since);
  for (let i = 0; i < Math.max(s.length, target.length); i++) {
    const a = s[i] ?? 0;
    const b = target[i] ?? 0;
    if (a !== b) return a > b;
  }
  return false;
}

/** What the version is compared with: the app's target (synth, editor) or a cluster's agents (deploy). */
export interface VersionAgainst {
  /** Ends the message: `…; the target is 1.11.3.` */
  readonly is: string;
  readonly hint: string;
}

const TARGET: VersionAgainst = {
  is: "the target is",
  hint: "Leave it out, or raise the target Nomad version if every cluster runs a newer one.",
};

/** A finding for each field the job sets that needs a newer Nomad than `target`. */
export function newerThanTarget(
  job: ModelObject,
  target: string = pinnedNomadVersion(),
  against: VersionAgainst = TARGET,
): Finding[] {
  const version = parseVersion(target);
  const findings: Finding[] = [];
  const walkStruct = (typeName: string, value: ModelObject, at: ModelPath, driver: boolean) => {
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || v === null) continue;
      const field = fieldByApi(typeName, key, driver);
      if (!field) continue;
      const here = [...at, key];
      if (field.since && newer(field.since, version)) {
        findings.push({
          rule: NEWER_THAN_TARGET,
          severity: "warning",
          message: `"${field.hcl}" needs Nomad ${field.since} or newer; ${against.is} ${target}.`,
          hint: against.hint,
          at: here,
        });
      }
      if (!driver && typeName === "Task" && key === "Config") {
        const root = driverRoot(String(value.Driver ?? ""));
        const config = obj(v);
        if (root && config) walkStruct(root, config, here, true);
        continue;
      }
      walkValue(field.type, v, here, driver);
    }
  };
  const walkValue = (type: TypeRef, v: unknown, at: ModelPath, driver: boolean) => {
    if (type.kind === "object") {
      const o = obj(v);
      if (o && structKnown(type.ref, driver)) walkStruct(type.ref, o, at, driver);
      // Inside driver configs, blocks are lists in the API.
      else if (Array.isArray(v)) {
        v.forEach((item, i) => {
          walkValue(type, item, [...at, i], driver);
        });
      }
    } else if ((type.kind === "list" || type.kind === "set") && Array.isArray(v)) {
      v.forEach((item, i) => {
        walkValue(type.of, item, [...at, i], driver);
      });
    } else if (type.kind === "map" && type.of.kind !== "any") {
      for (const [k, item] of Object.entries(obj(v) ?? {})) walkValue(type.of, item, [...at, k], driver);
    }
  };
  walkStruct("Job", job, [], false);
  return findings;
}

function structKnown(typeName: string, driver: boolean): boolean {
  const schema = nomadSchema();
  return typeName in (driver ? schema.driverTypes : schema.types);
}
