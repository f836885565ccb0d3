// The checked-in Nomad schema must be exactly what the generator writes from
// the pinned api module and the recorded facts, and must say what we know to be
// true of Nomad. test/agent-facts.test.ts checks the facts against a real agent.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { FieldSchema, NomadSchema, StructSchema } from "../sdk/src/schema/types.js";
import { goModuleDir, goTool, repoRoot } from "./harness/go-tools.js";

const schemaPath = join(repoRoot, "sdk/src/schema/nomad-schema.json");
const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as NomadSchema;

function struct(name: string, where: Record<string, StructSchema> = schema.types): StructSchema {
  const s = where[name];
  if (!s) throw new Error(`no type ${name} in the schema`);
  return s;
}

function field(s: StructSchema, hcl: string): FieldSchema {
  const f = s.fields.find((x) => x.hcl === hcl);
  if (!f) throw new Error(`${s.name} has no field ${hcl}`);
  return f;
}

describe("generated schema is up to date", () => {
  let tool: { path: string } | { skip: string };
  beforeAll(async () => {
    tool = await goTool("schemagen");
  });

  it("regenerates byte for byte", async (ctx) => {
    if ("skip" in tool) {
      console.warn(`schema regeneration check skipped: ${tool.skip}`);
      ctx.skip();
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), "nomadkit-schema-"));
    try {
      const out = join(dir, "nomad-schema.json");
      await promisify(execFile)(tool.path, ["-out", out], { cwd: goModuleDir, maxBuffer: 64 * 1024 * 1024 });
      const fresh = readFileSync(out, "utf8");
      const checkedIn = readFileSync(schemaPath, "utf8");
      if (fresh !== checkedIn) {
        expect.fail(
          "sdk/src/schema/nomad-schema.json is stale: run `go run ./cmd/schemagen` in sdk/tools/nomad-go and commit the result",
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe("schema content", () => {
  it("covers every hcl tag of the api module", () => {
    const { hclTags, covered } = schema.coverage;
    console.log(`schema coverage: ${covered} of ${hclTags} hcl tags`);
    expect(hclTags).toBeGreaterThan(400);
    expect(covered).toBe(hclTags);
  });

  it("covers every hcl tag of each file kind", () => {
    const seen: Record<string, string> = {};
    for (const [name, kind] of Object.entries(schema.kinds)) {
      const { hclTags, covered } = kind.coverage;
      seen[name] = `${covered}/${hclTags}`;
      expect(covered, name).toBe(hclTags);
      expect(kind.types[kind.root], `${name} root`).toBeDefined();
      for (const s of Object.values(kind.types)) {
        for (const f of s.fields) {
          const ref = f.type.kind === "object" ? f.type.ref : undefined;
          if (ref) expect(kind.types[ref], `${name}: ${s.name}.${f.go} → ${ref}`).toBeDefined();
        }
      }
    }
    console.log(`file kind coverage: ${JSON.stringify(seen)}`);
    // Lower bounds: a drop means the generator lost fields, not that Nomad did.
    expect(schema.kinds.agent.coverage.hclTags).toBeGreaterThan(380);
    expect(schema.kinds.aclPolicy.coverage.hclTags).toBeGreaterThanOrEqual(15);
    expect(Object.keys(schema.kinds).sort()).toEqual([
      "aclPolicy",
      "agent",
      "csiVolume",
      "hostVolume",
      "namespace",
      "nodePool",
    ]);
  });

  it("describes agent configuration", () => {
    const agent = schema.kinds.agent;
    const root = struct(agent.root, agent.types);
    expect(agent.syntax).toBe("hcl1");
    expect(field(root, "client")).toMatchObject({
      kind: "block",
      type: { kind: "object", ref: "ClientConfig" },
    });
    // Decoded by hand in config_parse.go: repeatable, no label.
    expect(field(root, "vault")).toMatchObject({ kind: "block", repeated: true });
    expect(field(root, "plugin")).toMatchObject({ kind: "block", repeated: true });
    const client = struct("ClientConfig", agent.types);
    expect(field(client, "gc_interval").type).toEqual({ kind: "duration" });
    expect(field(client, "server_join").type).toEqual({ kind: "object", ref: "ServerJoin" });
    const join = struct("ServerJoin", agent.types);
    expect(field(join, "retry_join").type).toEqual({ kind: "list", of: { kind: "string" } });
    expect(field(struct("KEKProviderConfig", agent.types), "name").kind).toBe("attribute");
    // Defaults recorded from the literal DefaultConfig() returns.
    expect(field(struct("Ports", agent.types), "http").default).toBe(4646);
    expect(field(root, "region").default).toBe("global");
    expect(field(client, "gc_interval").default).toBe("1m");
    expect(field(struct("ConsulConfig", agent.types), "timeout").default).toBe("5s");
  });

  it("describes ACL policies, volume, node pool and namespace specs", () => {
    const acl = schema.kinds.aclPolicy;
    const ns = struct("NamespacePolicy", acl.types);
    expect(ns.fields[0]).toMatchObject({ kind: "label", hcl: "" });
    expect(field(ns, "policy").enum).toEqual(["deny", "read", "write", "scale"]);
    expect(field(ns, "capabilities").enum).toContain("submit-job");
    expect(field(struct("PluginPolicy", acl.types), "policy").enum).toContain("list");
    const csi = struct(schema.kinds.csiVolume.root, schema.kinds.csiVolume.types);
    expect(field(csi, "type")).toMatchObject({ required: true, enum: ["csi"] });
    expect(field(csi, "capacity_min").type).toEqual({ kind: "size" });
    expect(field(csi, "capability")).toMatchObject({ kind: "block", repeated: true });
    // The constants api declares of the field's named string type.
    expect(
      field(struct("CSIVolumeCapability", schema.kinds.csiVolume.types), "attachment_mode").enum,
    ).toEqual(["block-device", "file-system"]);
    expect(struct("KEKProviderConfig", schema.kinds.agent.types).fields[0]?.enum).toContain("awskms");
    const host = struct(schema.kinds.hostVolume.root, schema.kinds.hostVolume.types);
    expect(field(host, "host_path").kind).toBe("attribute");
    // parseConstraints accepts the jobspec shorthands api.Constraint has no field for.
    expect(field(struct("Constraint", schema.kinds.hostVolume.types), "distinct_hosts").type).toEqual({
      kind: "bool",
    });
    const pool = struct("NodePool", schema.kinds.nodePool.types);
    expect(field(pool, "name")).toMatchObject({ kind: "label", required: true });
    expect(schema.kinds.nodePool.syntax).toBe("hcl2");
    const nsSpec = struct(schema.kinds.namespace.root, schema.kinds.namespace.types);
    expect(field(nsSpec, "node_pool_config").kind).toBe("block");
  });

  it("lists go-discover keys for the clouds we provision on", () => {
    const { providers, sources } = schema.discover;
    expect(sources[0]).toMatch(/^github\.com\/hashicorp\/go-discover@v/);
    expect(providers.aws).toEqual(expect.arrayContaining(["region", "tag_key", "tag_value", "addr_type"]));
    expect(providers.gce).toEqual(expect.arrayContaining(["project_name", "zone_pattern", "tag_value"]));
    expect(providers.azure).toEqual(expect.arrayContaining(["tag_name", "tag_value", "vm_scale_set"]));
    expect(providers.aws).not.toContain("provider");
  });

  it("names its sources and scanned releases", () => {
    expect(schema.nomadVersion).toBe("2.0.5");
    // The release the main-module facts were recorded from; the agent tests run against it.
    expect(schema.sources.nomad).toBe("github.com/hashicorp/nomad@v1.11.3");
    expect(schema.discover.nomad).toBe("1.11.3");
    expect(schema.sources.api).toMatch(/^github\.com\/hashicorp\/nomad\/api@v/);
    expect(schema.versions[0]).toBe("1.0.0");
    expect(schema.versions).toContain(schema.nomadVersion);
  });

  it("describes Job", () => {
    const job = struct("Job");
    expect(field(job, "datacenters")).toMatchObject({
      kind: "attribute",
      api: "Datacenters",
      type: { kind: "list", of: { kind: "string" } },
    });
    expect(field(job, "group")).toMatchObject({
      kind: "block",
      api: "TaskGroups",
      go: "TaskGroups",
      repeated: true,
      type: { kind: "object", ref: "TaskGroup" },
    });
    expect(field(job, "type")).toMatchObject({
      enum: ["service", "batch", "system", "sysbatch"],
      default: "service",
    });
    expect(field(job, "priority").default).toBe(50);
    expect(field(job, "node_pool").since).toBe("1.6.0");
    expect(field(job, "datacenters").since).toBeUndefined();
    const status = job.fields.find((f) => f.go === "Status");
    expect(status).toMatchObject({ kind: "apiOnly", hcl: "" });
  });

  it("describes groups and tasks", () => {
    expect(field(struct("TaskGroup"), "name")).toMatchObject({ kind: "label", required: true });
    expect(field(struct("Task"), "kill_timeout")).toMatchObject({
      type: { kind: "duration" },
      default: "5s",
    });
    expect(field(struct("Task"), "config")).toMatchObject({
      kind: "block",
      type: { kind: "map", of: { kind: "any" } },
    });
    // Nomad marks these deprecated in its own comments.
    expect(field(struct("TaskGroup"), "max_client_disconnect").deprecated).toMatch(/Disconnect/);
    for (const s of Object.values(schema.types)) {
      for (const f of s.fields) {
        const ref = f.type.kind === "object" ? f.type.ref : undefined;
        if (ref) expect(schema.types[ref], `${s.name}.${f.go} → ${ref}`).toBeDefined();
      }
    }
  });

  it("describes driver configs", () => {
    expect(Object.keys(schema.drivers).sort()).toEqual(["docker", "exec", "java", "qemu", "raw_exec"]);
    const docker = struct(schema.drivers.docker as string, schema.driverTypes);
    expect(field(docker, "image")).toMatchObject({
      kind: "attribute",
      required: true,
      type: { kind: "string" },
    });
    expect(field(docker, "mount")).toMatchObject({
      kind: "block",
      repeated: true,
      type: { kind: "object", ref: "docker.mount" },
    });
    expect(field(struct("docker.mount", schema.driverTypes), "type").default).toBe("volume");
    expect(field(struct("raw_exec", schema.driverTypes), "command").required).toBe(true);
  });
});

// Hover and completion show these (sdk/tools/nomad-go/cmd/schemagen/overlay/descriptions.json,
// our own words). A field a user can write without one is a gap in the editor.
describe("every field a file can set has our own description", () => {
  /** Each field (not apiOnly) and each struct that has such fields, without a description. */
  function undescribed(types: Record<string, StructSchema>): string[] {
    const out: string[] = [];
    for (const [name, s] of Object.entries(types)) {
      const written = s.fields.filter((f) => f.kind !== "apiOnly");
      if (written.length > 0 && !s.description) out.push(`${name}._`);
      for (const f of written) if (!f.description) out.push(`${name}.${f.hcl || f.api}`);
      for (const f of written) {
        if ((f.description?.length ?? 0) > 240) out.push(`${name}.${f.hcl || f.api} is over one line`);
      }
    }
    return out;
  }

  it("in jobs and driver configs", () => {
    expect(undescribed(schema.types)).toEqual([]);
    expect(undescribed(schema.driverTypes)).toEqual([]);
  });

  it.each(Object.entries(schema.kinds))("in kind %s", (_kind, k) => {
    expect(undescribed(k.types)).toEqual([]);
  });
});
