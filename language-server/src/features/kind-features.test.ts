import { describe, expect, it } from "vitest";
import { complete } from "./completion.js";
import { hover } from "./hover.js";
import { documentSymbols } from "./symbols.js";
import { atCursor } from "./test-cursor.js";

const labels = (marked: string, uri: string) => complete(atCursor(marked, uri)).map((i) => i.label);
const hoverText = (marked: string, uri: string) => {
  const c = atCursor(marked, uri);
  const h = hover(c.analysis, c.offset);
  return h && typeof h.contents === "object" && "value" in h.contents ? h.contents.value : "";
};

describe("completion, hover and symbols in the files that are not jobs", () => {
  const agent = "file:///etc/nomad.d/client.hcl";
  const acl = "file:///policies/dev.hcl";

  it("offers an agent's client attributes inside client {}", () => {
    const got = labels('data_dir = "/opt/nomad"\nclient {\n  enabled = true\n  |\n}\n', agent);
    expect(got).toContain("node_pool");
    expect(got).toContain("host_volume");
    expect(got).not.toContain("enabled");
    expect(got).not.toContain("count");
  });

  it("offers the agent's top-level names at the top of an agent config", () => {
    const got = labels('data_dir = "/opt/nomad"\n|\n', agent);
    expect(got).toEqual(expect.arrayContaining(["client", "server", "bind_addr", "telemetry"]));
    expect(got).not.toContain("job");
  });

  it("offers an ACL rule's policy values", () => {
    const got = labels('namespace "default" {\n  policy = "|"\n}\n', acl);
    expect(got).toEqual(["deny", "read", "write", "scale"]);
  });

  it("offers an ACL namespace's capabilities in a list", () => {
    const got = labels('namespace "default" {\n  policy = "read"\n  |\n}\n', acl);
    expect(got).toEqual(expect.arrayContaining(["capabilities", "variables"]));
  });

  it("fills a new block's label in its snippet", () => {
    const items = complete(atCursor('namespace "default" {\n  policy = "read"\n}\nhost_vol|\n', acl));
    expect(items.find((i) => i.label === "host_volume")?.textEdit?.newText).toMatch(
      /^host_volume "\$\{1:name\}" \{/,
    );
  });

  it("hovers an agent attribute with its type and where it lives", () => {
    const text = hoverText('client {\n  node_po|ol = "gpu"\n}\n', agent);
    expect(text).toContain("**node_pool** `string`");
    expect(text).toContain("agent configuration");
    expect(text).toContain("block `client`");
    expect(text).not.toContain("ClientConfig");
  });

  it("hovers an ACL block and lists a rule's enum", () => {
    expect(hoverText('names|pace "default" {\n  policy = "read"\n}\n', acl)).toContain("ACL policy");
    expect(hoverText('namespace "default" {\n  pol|icy = "read"\n}\n', acl)).toContain("`deny`, `read`");
  });

  it("outlines a volume spec", () => {
    const { analysis } = atCursor(
      '|type = "csi"\nid = "db"\nplugin_id = "ebs"\ncapability {\n  access_mode = "single-node-writer"\n}\n',
      "file:///vol.hcl",
    );
    expect(analysis.kind).toBe("volume");
    expect(documentSymbols(analysis).map((s) => s.name)).toEqual(["type", "id", "plugin_id", "capability"]);
  });
});
