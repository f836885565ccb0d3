// `nomadkit import` round trip: every job file jobspec2 accepts (Nomad's corpus and our
// examples' HCL) → import → the generated app, type-checked under strict and synthesized
// → jobspec2's canonical form, which must equal jobspec2's canonical parse of the original.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type App, synthesize } from "nomadkit";
import { parse } from "nomadkit/hcl";
import { type ImportResult, importEnvironments, importJobFiles } from "nomadkit/importer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentForFile } from "./harness/agent-for-file.js";
import { corpusFiles, readCorpus } from "./harness/corpus.js";
import { exampleFiles, loadExample } from "./harness/examples.js";
import { type Oracle, type ParseResult, startOracle } from "./harness/oracle.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, ".cache", `import-roundtrip-${process.pid}`);

const started = await startOracle();
const oracle: Oracle | undefined = "skip" in started ? undefined : started;
const skipReason = "skip" in started ? started.skip : "";
// Synth refusing a job is a miss only if Nomad takes it: the agent's own validation decides.
const { nomad } = await agentForFile();

const isJobFile = (source: string) =>
  parse(source).file.body.items.some((i) => i.type === "Block" && i.blockType === "job");

/** A job kept per environment by hand: the same file with different values. */
const webFor = (env: "qa" | "prod") => `job "web" {
  datacenters = [${env === "qa" ? '"qa1"' : '"eu1", "eu2"'}]
  namespace   = "${env}"
  update {
    max_parallel = ${env === "qa" ? 1 : 2}
    health_check = "checks"
    auto_revert  = true
  }
  group "web" {
    count = ${env === "qa" ? 1 : 3}
    network {
      port "http" { to = 8080 }
    }
    service {
      name = "web-${env}"
      port = "http"
      check {
        type     = "http"
        path     = "/health"
        interval = "${env === "qa" ? "30s" : "10s"}"
        timeout  = "2s"
      }
    }
    task "app" {
      driver = "docker"
      config {
        image = "example/web:${env === "qa" ? "1.5.0-rc1" : "1.4.2"}"
        ports = ["http"]
      }
      env {
        LOG_LEVEL = "${env === "qa" ? "debug" : "info"}"
      }
      resources {
        cpu    = ${env === "qa" ? 100 : 500}
        memory = ${env === "qa" ? 128 : 512}
      }
    }
  }
}
`;

interface Case {
  name: string;
  source: string;
  verdict: ParseResult & { ok: true };
  dir: string;
  imported: ImportResult;
}

describe.skipIf(!oracle)(`nomadkit import round trip${oracle ? "" : ` (skipped: ${skipReason})`}`, () => {
  const o = oracle as Oracle;
  const cases: Case[] = [];
  let tscOutput = "";
  let tscStatus: number | null = 0;

  beforeAll(async () => {
    const sources: Array<{ name: string; source: string }> = [];
    for (const f of corpusFiles()) {
      const source = readCorpus(f);
      if (isJobFile(source)) sources.push({ name: f, source });
    }
    for (const file of exampleFiles()) {
      const app = await loadExample(file);
      for (const job of synthesize(app).jobs) {
        sources.push({ name: `examples/${file} › ${job.environment ?? ""}${job.id}`, source: job.hcl });
      }
    }
    const verdicts = await Promise.all(sources.map((s) => o.parse(s.source, "job.nomad.hcl")));
    rmSync(OUT, { recursive: true, force: true });
    sources.forEach((s, i) => {
      const verdict = verdicts[i] as ParseResult;
      if (!verdict.ok) return;
      const dir = join(OUT, `j${i}`);
      const imported = importJobFiles([{ path: s.name, source: s.source }]);
      mkdirSync(dir, { recursive: true });
      for (const f of imported.files) writeFileSync(join(dir, f.path), f.content);
      cases.push({ ...s, verdict, dir, imported });
    });
    const envDir = join(OUT, "environments");
    mkdirSync(envDir, { recursive: true });
    for (const f of importEnvironments([
      { path: "web.qa.nomad.hcl", source: webFor("qa") },
      { path: "web.prod.nomad.hcl", source: webFor("prod") },
    ]).files)
      writeFileSync(join(envDir, f.path), f.content);
    // One tsc run over every generated file, strict, with "nomadkit" resolved to the sdk sources.
    writeFileSync(
      join(OUT, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.base.json",
        compilerOptions: {
          noEmit: true,
          composite: false,
          declaration: false,
          declarationMap: false,
          sourceMap: false,
          paths: { nomadkit: ["../../sdk/src/index.ts"] },
          // The sdk sources are checked once and remembered between runs.
          incremental: true,
          tsBuildInfoFile: "../import-roundtrip.tsbuildinfo",
        },
        include: ["**/*.ts"],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", OUT], {
      encoding: "utf8",
    });
    tscOutput = tsc.stdout + tsc.stderr;
    tscStatus = tsc.status;
  });

  afterAll(async () => {
    if (process.env.KEEP_IMPORT_OUT) return;
    rmSync(OUT, { recursive: true, force: true });
    await o?.close();
  });

  it("the generated TypeScript type-checks under strict", () => {
    expect(tscOutput.split("\n").slice(0, 60).join("\n")).toBe("");
    expect(tscStatus).toBe(0);
  });

  it("--environments merges a qa/prod pair into one job whose environments synthesize back to each file", async () => {
    const merged = importEnvironments([
      { path: "web.qa.nomad.hcl", source: webFor("qa") },
      { path: "web.prod.nomad.hcl", source: webFor("prod") },
    ]);
    expect(merged.errors).toEqual([]);
    expect(merged.environments).toEqual(["qa", "prod"]);
    expect(merged.files.map((f) => f.path)).toEqual(["web.ts", "app.ts"]);
    const web = merged.files[0]?.content ?? "";
    expect(web).toContain("export interface WebJobValues {");
    expect(web).toContain("count: values.webCount");
    // Consul names carry the environment in nomadkit: "web-qa" and "web-prod" are one "web".
    expect(web).toContain('new Service(webGroup, "web", {');
    const module = (await import(join(OUT, "environments", "app.ts"))) as { default: App };
    for (const env of ["qa", "prod"] as const) {
      const result = synthesize(module.default, { env });
      expect(result.problems).toEqual([]);
      expect(result.jobs.map((j) => j.environment)).toEqual([env]);
      const [ours, original] = await Promise.all([
        o.canonicalize(result.jobs[0]?.payload ?? { Job: {} }),
        o.parse(webFor(env), `web.${env}.nomad.hcl`),
      ]);
      if (!ours.ok || !original.ok) throw new Error("the oracle rejected the job");
      expect(sorted(ours.canonical)).toEqual(sorted(original.canonical));
    }
  });

  it("synthesizes back to jobspec2's canonical form of the original", async () => {
    const failures: string[] = [];
    const escaped = new Map<string, number>();
    let roundTripped = 0;
    let withEscape = 0;
    const results = await Promise.all(
      cases.map(async (c) => {
        if (c.imported.errors.length > 0) return `import errors: ${c.imported.errors[0]?.message}`;
        const job = c.imported.jobs[0];
        if (!job || job.problems.length > 0) return `synth refuses: ${job?.problems[0]}`;
        const module = (await import(join(c.dir, "app.ts"))) as { default: App };
        const result = synthesize(module.default);
        if (result.problems.length > 0) return `synth: ${result.problems[0]?.message}`;
        const canonical = await o.canonicalize(result.jobs[0]?.payload ?? { Job: {} });
        if (!canonical.ok) return `api.Job rejects it: ${canonical.error}`;
        if (JSON.stringify(sorted(canonical.canonical)) !== JSON.stringify(sorted(c.verdict.canonical)))
          return "canonical form differs";
        return undefined;
      }),
    );
    const refusedByNomad: string[] = [];
    for (const [i, c] of cases.entries()) {
      if (!results[i]?.startsWith("synth refuses") || !nomad) continue;
      const { data } = await nomad.jobs.validate(c.verdict.canonical as never);
      const errors = [...(data.ValidationErrors ?? []), ...(data.Error ? [data.Error] : [])];
      if (errors.length > 0) refusedByNomad.push(`${c.name}: ${errors[0]?.replace(/\s+/g, " ")}`);
    }
    cases.forEach((c, i) => {
      const failure = results[i];
      if (refusedByNomad.some((r) => r.startsWith(`${c.name}: `))) return;
      if (failure) failures.push(`${c.name}: ${failure}`);
      else roundTripped++;
      const reasons = c.imported.jobs[0]?.escaped ?? [];
      if (reasons.length > 0) withEscape++;
      for (const r of reasons) escaped.set(r, (escaped.get(r) ?? 0) + 1);
    });
    const judged = cases.length - refusedByNomad.length;
    const pct = (n: number) => `${((100 * n) / judged).toFixed(1)}%`;
    console.log(
      [
        `import round trip: ${roundTripped} of ${judged} job files Nomad accepts (${pct(roundTripped)})`,
        ...refusedByNomad.map((r) => `  refused by synth and by Nomad's validation alike: ${r}`),
        `needed the escape hatch: ${withEscape} (${pct(withEscape)})`,
        ...[...escaped].sort((a, b) => b[1] - a[1]).map(([r, n]) => `  ${n} × ${r}`),
        ...failures.map((f) => `  not round-tripped: ${f}`),
      ].join("\n"),
    );
    expect(refusedByNomad.length).toBeLessThan(cases.length / 20);
    expect(roundTripped / judged).toBeGreaterThanOrEqual(0.99);
  });
});

/** Key order doesn't matter to Nomad; compare with sorted keys. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  return value;
}
