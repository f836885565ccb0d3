// Nomad's scheduler as the judge of the constraint operators the autoscaler reimplements
// (provisioners/src/autoscaler/placement-target.ts). A dev agent's client node gets client
// meta holding every left-hand value; each generated case (operator, left, right) becomes a
// one-group job whose plan (`PUT /v1/job/:id/plan`) says whether the group places. The answers
// are kept in provisioners/src/autoscaler/constraint-answers.json, which the unit tests
// replay without an agent (placement-target.test.ts, simulation/sim-constraints.test.ts).
// Here the agent answers again: the file must hold exactly its answers, and the planner must
// agree with every one. NOMADKIT_UPDATE_FIXTURES=1 rewrites the file from the agent.
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { constraintHolds, type PlacementTarget } from "../provisioners/src/autoscaler/placement-target.js";
import { nodeState } from "../provisioners/src/autoscaler/simulation/fixtures.js";
import { nodeSatisfies } from "../provisioners/src/autoscaler/simulation/sim-constraints.js";
import { agentForFile } from "./harness/agent-for-file.js";

const ANSWERS = new URL("../provisioners/src/autoscaler/constraint-answers.json", import.meta.url);

/** The left-hand values, each in client meta `v<i>`. */
const VALUES = [
  // numbers, as integers, floats and what only looks like one
  "0",
  "1",
  "2",
  "10",
  "-1",
  "1.5",
  "1e3",
  "0x10",
  "007",
  " 3",
  "+4",
  "9223372036854775808",
  "NaN",
  "inf",
  // words
  "a",
  "b",
  "abc",
  "B",
  "é",
  "",
  // versions
  "1.2.3",
  "1.2",
  "v1.2.3",
  "1.2.3-beta",
  "1.2.3-beta.2",
  "1.2.3+build",
  "1.10.0",
  "2",
  "1.2.3.4",
  "1.2.0-rc1",
  // sets
  "a,b",
  "a, b",
  "b,a,c",
  " a ,b",
];

/** The right-hand sides by operator family. */
const RIGHT: Record<string, readonly string[]> = {
  equality: ["1", "a", "1.2.3", "a,b", "01", "é", "${node.datacenter}", "${meta.v1}"],
  order: ["1", "2", "10", "1.5", "a", "B", "-1", "1e3", "1.2.3", "inf", "NaN"],
  regexp: ["^a", "b$", "a.c", "[0-9]+", "^1\\.2", "(?i)ABC", "^\\d+$", "^$", "é", "^a,\\s?b", "\\Aa"],
  version: [
    ">= 1.2",
    "< 2.0.0",
    "~> 1.2",
    "~> 1.2.3",
    "= 1.2.3",
    "!= 1.2.3",
    ">= 1.2.3-beta",
    "1.2.3",
    "> 1.0, < 2.0",
    "> 1.2.3-alpha",
    "<= 1.2",
    ">= 1.10",
  ],
  set: ["a", "a,b", "b, a", "c", "a,c", " a", "a,b,c"],
};

const OPERATORS: Record<string, keyof typeof RIGHT | "presence"> = {
  "=": "equality",
  "==": "equality",
  is: "equality",
  "!=": "equality",
  not: "equality",
  "<": "order",
  "<=": "order",
  ">": "order",
  ">=": "order",
  regexp: "regexp",
  version: "version",
  semver: "version",
  set_contains: "set",
  set_contains_all: "set",
  set_contains_any: "set",
  is_set: "presence",
  is_not_set: "presence",
};

/** Left targets besides the meta values: a missing one, and node fields. */
const OTHER_LEFT = [
  "${meta.missing}",
  "${node.class}",
  "${node.datacenter}",
  "${node.pool}",
  "${attr.kernel.name}",
  "${attr.nomad.version}",
];

export interface ConstraintCase {
  ltarget: string;
  operand: string;
  rtarget: string;
}
export interface Answer extends ConstraintCase {
  /** Whether Nomad's plan places the group; undefined when the job is invalid. */
  places?: boolean;
  invalid?: string;
}

function cases(): ConstraintCase[] {
  const out: ConstraintCase[] = [];
  const lefts = [...VALUES.map((_, i) => `\${meta.v${i}}`), ...OTHER_LEFT];
  for (const [operand, family] of Object.entries(OPERATORS)) {
    for (const ltarget of lefts) {
      if (family === "presence") out.push({ ltarget, operand, rtarget: "" });
      else for (const rtarget of RIGHT[family] ?? []) out.push({ ltarget, operand, rtarget });
    }
  }
  out.push({ ltarget: "", operand: "distinct_hosts", rtarget: "true" });
  return out;
}

const meta = Object.fromEntries(VALUES.map((v, i) => [`v${i}`, v]));

const { agent, nomad, skipNote } = await agentForFile();

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; data: unknown; text: string }> {
  const res = await fetch(`${agent?.address}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  return { status: res.status, data, text };
}

async function nodeWithMeta(): Promise<PlacementTarget & { id: string }> {
  const set = await call("POST", "/v1/client/metadata", { Meta: meta });
  if (set.status !== 200) throw new Error(`setting client meta failed: ${set.status} ${set.text}`);
  for (let i = 0; i < 100; i++) {
    const list = (await call("GET", "/v1/nodes")).data as { ID: string }[];
    const id = list[0]?.ID as string;
    const node = (await call("GET", `/v1/node/${id}`)).data as {
      ID: string;
      Name: string;
      Datacenter: string;
      NodeClass: string;
      NodePool: string;
      Meta: Record<string, string>;
      Attributes: Record<string, string>;
    };
    if (Object.entries(meta).every(([k, v]) => node.Meta[k] === v))
      return {
        id: node.ID,
        name: node.Name,
        pool: node.NodePool,
        datacenter: node.Datacenter,
        nodeClass: node.NodeClass,
        meta: node.Meta,
        attributes: {
          "kernel.name": node.Attributes["kernel.name"] ?? "",
          "nomad.version": node.Attributes["nomad.version"] ?? "",
        },
        devices: [],
      };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the node never showed the client meta");
}

async function ask(c: ConstraintCase, i: number): Promise<Answer> {
  const id = `constraint-${i}`;
  const job = {
    ID: id,
    Name: id,
    Type: "service",
    Datacenters: ["dc1"],
    TaskGroups: [
      {
        Name: "g",
        Count: 1,
        Constraints: [{ LTarget: c.ltarget, RTarget: c.rtarget, Operand: c.operand }],
        Tasks: [
          {
            Name: "t",
            Driver: "raw_exec",
            Config: { command: "/bin/true" },
            Resources: { CPU: 10, MemoryMB: 10 },
          },
        ],
      },
    ],
  };
  const plan = await call("PUT", `/v1/job/${id}/plan`, { Job: job, Diff: false });
  if (plan.status !== 200) return { ...c, invalid: plan.text.trim().slice(0, 300) };
  const failed = (plan.data as { FailedTGAllocs?: Record<string, unknown> | null }).FailedTGAllocs;
  return { ...c, places: !failed || Object.keys(failed).length === 0 };
}

/** One answer a line, so a change in Nomad's answers reads as a small diff. */
function answersFile(recorded: { nomadVersion?: string; node: unknown; answers: Answer[] }): string {
  const head = JSON.stringify({ nomadVersion: recorded.nomadVersion, node: recorded.node });
  const lines = recorded.answers.map((a) => `  ${JSON.stringify(a)}`);
  return `${head.slice(0, -1)},\n "answers": [\n${lines.join(",\n")}\n]}\n`;
}

describe.skipIf(!agent)(`constraint operators as Nomad's scheduler decides them${skipNote}`, () => {
  it("the recorded answers are the agent's, and the planner agrees with every one", async () => {
    expect(nomad).toBeDefined();
    const node = await nodeWithMeta();
    const all = cases();
    const answers: Answer[] = new Array(all.length);
    for (let i = 0; i < all.length; i += 16)
      await Promise.all(
        all.slice(i, i + 16).map(async (c, j) => {
          answers[i + j] = await ask(c, i + j);
        }),
      );
    // The node's ID and name change with every agent, and no case reads them.
    const { id: _id, name: _name, ...sameEveryRun } = node;
    const recorded = { nomadVersion: agent?.version, node: sameEveryRun, answers };
    if (process.env.NOMADKIT_UPDATE_FIXTURES) writeFileSync(ANSWERS, answersFile(recorded));

    const disagreements = answers
      .filter((a) => a.places !== undefined)
      .filter((a) => constraintHolds(a, node) !== a.places)
      .map(
        (a) =>
          `${a.ltarget} ${a.operand} ${JSON.stringify(a.rtarget)}: Nomad ${a.places ? "places" : "doesn't place"}, planner says ${constraintHolds(a, node)}`,
      );
    // The simulated Nomad's own checker (the autoscaler simulation's judge) must agree too.
    const simNode = nodeState({ ...sameEveryRun, id: "recorded" });
    const simDisagreements = answers
      .filter((a) => a.places !== undefined && nodeSatisfies(a, simNode) !== a.places)
      .map((a) => `${a.ltarget} ${a.operand} ${JSON.stringify(a.rtarget)}: Nomad says ${a.places}`);
    expect(simDisagreements, "the simulated Nomad's constraint checker").toEqual([]);
    const operators = new Set(answers.map((a) => a.operand));
    console.log(
      `constraint-oracle: ${answers.length} cases, ${answers.filter((a) => a.places !== undefined).length} planned, ${answers.filter((a) => a.invalid).length} invalid, ${operators.size} operators, ${disagreements.length} disagreements`,
    );
    expect(disagreements).toEqual([]);
    const file = JSON.parse(readFileSync(ANSWERS, "utf8")) as typeof recorded;
    expect(file.answers, "constraint-answers.json is stale: rerun with NOMADKIT_UPDATE_FIXTURES=1").toEqual(
      JSON.parse(JSON.stringify(answers)),
    );
  }, 300_000);
});
