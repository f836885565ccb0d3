import { describe, expect, it } from "vitest";
import { definition, references } from "./navigation.js";
import { prepareRename, rename } from "./rename.js";
import { atCursor } from "./test-cursor.js";

// Line numbers (0-based) are noted where a test looks at them.
const job = `job "x" {
  group "g" {
    network {
      mode = "bridge"
      port "frontend" {}
    }
    service {
      name = "web"
      port = "frontend"
      connect {
        sidecar_service {
          proxy {
            upstreams {
              destination_name = "count-api"
              local_bind_port  = 8080
            }
          }
        }
      }
    }
    task "t" {
      driver = "docker"
      config {
        image   = "nginx"
        ports   = ["frontend"]
        command = "serve --port $NOMAD_PORT_frontend"
      }
      env {
        LISTEN = "\${NOMAD_ADDR_frontend}"
        API    = "\${NOMAD_UPSTREAM_ADDR_count_api}"
      }
      template {
        data        = <<-EOT
          port={{ env "NOMAD_PORT_frontend" }}
          api={{ env "NOMAD_UPSTREAM_PORT_count_api" }}
        EOT
        destination = "local/app.env"
      }
    }
  }
  group "other" {
    task "u" {
      driver = "docker"
      env {
        X = "\${NOMAD_PORT_frontend}"
      }
    }
  }
}
`;
const at = (marker: string) => {
  const i = job.indexOf(marker.replace("#", ""));
  if (i < 0) throw new Error(`bug: ${marker} not in the test job`);
  return atCursor(job.slice(0, i) + marker.replace("#", "|") + job.slice(i + marker.length - 1));
};

describe("runtime names in navigation and rename", () => {
  it("goes from a runtime name to the port or upstream it names", () => {
    for (const marker of ["$NOMAD_PORT_fro#ntend", "NOMAD_ADDR_front#end}", 'NOMAD_PORT_fron#tend"'])
      expect(definition(at(marker).analysis, at(marker).offset).map((l) => l.range.start.line)).toEqual([4]);
    const c = at("NOMAD_UPSTREAM_ADDR_count#_api");
    expect(definition(c.analysis, c.offset).map((l) => l.range.start.line)).toEqual([13]);
  });

  it("lists a port's runtime references in its own group only", () => {
    const c = at('port "front#end"');
    expect(references(c.analysis, c.offset, true).map((l) => l.range.start.line)).toEqual([
      4, 8, 24, 25, 28, 33,
    ]);
  });

  it("renames a port with its runtime names, and from a runtime name", () => {
    for (const marker of ['port "front#end"', 'NOMAD_PORT_fron#tend"']) {
      const c = at(marker);
      const edit = rename(c.analysis, c.offset, "ui");
      if (typeof edit === "string") throw new Error(edit);
      const after = applyEdits(c.text, edit.changes?.[c.analysis.uri] ?? []);
      expect(after).toContain('port "ui" {}');
      expect(after).toContain("--port $NOMAD_PORT_ui");
      expect(after).toContain('LISTEN = "${NOMAD_ADDR_ui}"');
      expect(after).toContain('port={{ env "NOMAD_PORT_ui" }}');
      // The other group's name is not this port.
      expect(after).toContain('X = "${NOMAD_PORT_frontend}"');
    }
  });

  it("writes an upstream's new name the way the client spells it in env names", () => {
    const c = at('"count#-api"');
    expect(prepareRename(c.analysis, c.offset)?.placeholder).toBe("count-api");
    const edit = rename(c.analysis, c.offset, "billing-api");
    if (typeof edit === "string") throw new Error(edit);
    const after = applyEdits(c.text, edit.changes?.[c.analysis.uri] ?? []);
    expect(after).toContain('destination_name = "billing-api"');
    expect(after).toContain("NOMAD_UPSTREAM_ADDR_billing_api}");
    expect(after).toContain('env "NOMAD_UPSTREAM_PORT_billing_api"');
  });
});

function applyEdits(
  text: string,
  edits: readonly { range: { start: { line: number; character: number } }; newText: string }[],
): string {
  const lines = text.split("\n");
  const offsetOf = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start))) {
    const start = offsetOf(e.range.start);
    const end = offsetOf((e.range as unknown as { end: { line: number; character: number } }).end);
    out = out.slice(0, start) + e.newText + out.slice(end);
  }
  return out;
}
