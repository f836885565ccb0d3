// The schema's agent configuration and ACL policy kinds are facts recorded from Nomad's
// main module (sdk/tools/nomad-go/cmd/schemagen/facts), not read from its code. These
// tests say when the Nomad we run and those facts disagree: an agent config that sets
// every recorded field must load in `nomad config validate`, and ACL policies with
// every recorded rule and enum value must be accepted by an ACL-enabled agent. A
// misspelt name, a removed field or a wrong type fails here; so does an enum value the
// agent no longer takes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FieldSchema, KindSchema, NomadSchema } from "../sdk/src/schema/types.js";
import { agentForFile } from "./harness/agent-for-file.js";
import { repoRoot } from "./harness/go-tools.js";
import { nomadBinary } from "./harness/nomad-binary.js";

const schema = JSON.parse(
  readFileSync(join(repoRoot, "sdk/src/schema/nomad-schema.json"), "utf8"),
) as NomadSchema;
const binary = await nomadBinary();
const nomad = "skip" in binary ? undefined : binary;
const skipNote = "skip" in binary ? ` (skipped: ${binary.skip})` : "";

const hclString = (s: string) => JSON.stringify(s);
const refOf = (f: FieldSchema | undefined) => (f?.type.kind === "object" ? f.type.ref : undefined);

/** A value of the field's type the loader accepts: the recorded default, else a plain one. */
function value(f: FieldSchema): string {
  if (f.default !== undefined)
    return typeof f.default === "string" ? hclString(f.default) : String(f.default);
  if (f.enum?.[0] !== undefined) return hclString(f.enum[0]);
  switch (f.type.kind) {
    case "bool":
      return "false";
    case "int":
    case "float":
      return "1";
    case "duration":
      return '"1s"';
    case "list":
    case "set":
      return "[]";
    default:
      return '""';
  }
}

/**
 * HCL setting every field of a struct of the kind, nested blocks included, each
 * repeated or labelled block once (label "a", or a label's first enum value).
 */
function body(kind: KindSchema, typeName: string, indent: string, seen: string[]): string {
  const s = kind.types[typeName];
  if (!s) throw new Error(`no type ${typeName}`);
  const lines: string[] = [];
  for (const f of s.fields) {
    if (f.kind === "attribute") lines.push(`${indent}${f.hcl} = ${value(f)}`);
    else if (f.kind === "block" && f.type.kind === "map") lines.push(`${indent}${f.hcl} {}`);
    else if (f.kind === "block" && f.type.kind === "object" && f.type.ref && !seen.includes(f.type.ref)) {
      const inner = kind.types[f.type.ref];
      const label = inner?.fields.find((x) => x.kind === "label");
      const name = label ? ` ${hclString(label.enum?.[0] ?? "a")}` : "";
      const nested = body(kind, f.type.ref, `${indent}  `, [...seen, f.type.ref]);
      lines.push(`${indent}${f.hcl}${name} {`, nested, `${indent}}`);
    }
  }
  return lines.filter((l) => l !== "").join("\n");
}

function validate(config: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "nomadkit-facts-"));
  try {
    const file = join(dir, "agent.hcl");
    writeFileSync(file, config);
    const r = spawnSync((nomad as { path: string }).path, ["config", "validate", file], {
      encoding: "utf8",
      timeout: 20_000,
      env: { ...process.env, NOMAD_ADDR: undefined, NOMAD_TOKEN: undefined },
    });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!nomad)(`recorded agent config facts vs nomad config validate${skipNote}`, () => {
  const agent = schema.kinds.agent;
  const full = body(agent, agent.root, "", [agent.root]);

  it("loads a config that sets every recorded field", () => {
    const fields = full.split("\n").filter((l) => l.includes(" = ")).length;
    expect(fields).toBeGreaterThan(300);
    const r = validate(full);
    // Loading (names and types) is what the facts claim; whether this odd
    // combination of values makes a sensible agent is not.
    expect(r.output, full).not.toMatch(/Error loading configuration/);
    expect(r.output, "got past loading to validation").toMatch(/Configuration is (in)?valid/);
  });

  it("fails on a name the agent doesn't know, so the check bites", () => {
    const r = validate(full.replace(/^client \{$/m, "client {\n  not_a_recorded_field = 1"));
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/Error loading configuration[\s\S]*not_a_recorded_field/);
  });
});

const acl = await agentForFile({ acl: true });

describe.skipIf(!acl.nomad)(`recorded ACL policy facts vs an ACL-enabled agent${acl.skipNote}`, () => {
  const kind = schema.kinds.aclPolicy;
  const root = kind.types[kind.root];
  let n = 0;
  const put = async (rules: string) => {
    const name = `facts-${++n}`;
    const agent = acl.agent as { address: string; token?: string };
    const res = await fetch(`${agent.address}/v1/acl/policy/${name}`, {
      method: "PUT",
      headers: { "X-Nomad-Token": agent.token ?? "" },
      body: JSON.stringify({ Name: name, Rules: rules }),
    });
    return { status: res.status, body: await res.text() };
  };
  /** One rule block of the root field, its label "default", with the given body. */
  const rule = (f: FieldSchema, inner: string) => {
    const ref = refOf(f);
    const labelled = ref && kind.types[ref]?.fields.some((x) => x.kind === "label");
    return `${f.hcl}${labelled ? ' "default"' : ""} {\n${inner}\n}\n`;
  };

  it("accepts every recorded rule with every recorded policy and all its capabilities", async () => {
    const refused: string[] = [];
    let tried = 0;
    for (const f of root?.fields ?? []) {
      const ref = refOf(f);
      const fields = (ref && kind.types[ref]?.fields) || [];
      const policy = fields.find((x) => x.hcl === "policy");
      const caps = fields.find((x) => x.hcl === "capabilities");
      const bodies = (policy?.enum ?? []).map((p) => `  policy = ${hclString(p)}`);
      if (caps?.enum) bodies.push(`  capabilities = ${JSON.stringify(caps.enum)}`);
      const variablesRef = refOf(fields.find((x) => x.hcl === "variables"));
      if (variablesRef) {
        const pathRef = refOf(kind.types[variablesRef]?.fields.find((x) => x.hcl === "path"));
        const pathType = pathRef ? kind.types[pathRef] : undefined;
        const pathCaps = pathType?.fields.find((x) => x.hcl === "capabilities");
        if (pathCaps?.enum)
          bodies.push(
            `  variables {\n    path "*" {\n      capabilities = ${JSON.stringify(pathCaps.enum)}\n    }\n  }`,
          );
      }
      for (const b of bodies) {
        tried++;
        const rules = rule(f, b);
        const r = await put(rules);
        if (r.status !== 200) refused.push(`${rules}→ ${r.status} ${r.body}`);
      }
    }
    expect(tried).toBeGreaterThan(30);
    expect(refused).toEqual([]);
  });

  it("refuses a policy or capability outside the recorded enums, so the check bites", async () => {
    const ns = root?.fields.find((f) => f.hcl === "namespace") as FieldSchema;
    expect((await put(rule(ns, '  policy = "not-a-policy"'))).status).toBe(400);
    expect((await put(rule(ns, '  capabilities = ["not-a-capability"]'))).status).toBe(400);
  });
});

afterAll(() => {
  if (!nomad) console.warn(`agent facts tests skipped: ${skipNote}`);
});
