import { describe, expect, it } from "vitest";
import { toDiagnostic } from "../protocol/convert.js";
import { codeActions } from "./code-actions.js";
import { atCursor } from "./test-cursor.js";

const actions = (marked: string) => {
  const c = atCursor(marked);
  const range = {
    start: { line: c.line, character: c.character },
    end: { line: c.line, character: c.character },
  };
  return codeActions(c.analysis, c.text, range, c.analysis.diagnostics.map(toDiagnostic), c.offset);
};
const editText = (a: ReturnType<typeof actions>[number] | undefined) =>
  Object.values(a?.edit?.changes ?? {})[0]?.[0]?.newText;

describe("code actions", () => {
  it("fixes a typo the diagnostic suggests", () => {
    const a = actions('job "x" {\n  grop| "g" {}\n}');
    expect(a.map((x) => x.title)).toContain("Change to group");
  });

  it("replaces a bad enum value with the closest one", () => {
    const a = actions('job "x" {\n  type = "serv|ce"\n}');
    expect(a[0]?.title).toBe('Change to "service"');
    expect(editText(a[0])).toBe('"service"');
  });

  it("adds a health check to a service without one", () => {
    const a = actions('job "x" {\n  group "g" {\n    service {\n      name = "w|eb"\n    }\n  }\n}');
    const check = a.find((x) => x.title === "Add a health check to this service");
    expect(editText(check)).toBe(
      '      check {\n        type     = "http"\n        path     = "/health"\n        interval = "10s"\n        timeout  = "2s"\n      }\n',
    );
  });

  it("turns a string with newlines into a heredoc and back", () => {
    const a = actions('job "x" {\n  meta {\n    a = "line 1\\nli|ne 2"\n  }\n}');
    expect(editText(a.find((x) => x.title === "Convert string to a heredoc"))).toBe(
      "<<-EOT\nline 1\nline 2\nEOT",
    );
    const b = actions('job "x" {\n  meta {\n    a = <<EOT\nli|ne 1\nEOT\n  }\n}');
    expect(editText(b.find((x) => x.title === "Convert heredoc to a quoted string"))).toBe('"line 1\\n"');
  });
});

describe("Convert to nomadkit TypeScript", () => {
  const JOB =
    'jo|b "web" {\n  group "web" {\n    network {\n      port "http" { to = 80 }\n    }\n    task "app" {\n      driver = "docker"\n      config {\n        image = "nginx"\n        ports = ["http"]\n      }\n    }\n  }\n}\n';
  const convertOf = (marked: string) =>
    actions(marked).find((x) => x.title === "Convert to nomadkit TypeScript");
  const written = (convert: ReturnType<typeof convertOf>) => {
    const [create, write] = (convert?.edit?.documentChanges ?? []) as Array<{
      kind?: string;
      uri?: string;
      edits?: Array<{ newText: string }>;
    }>;
    return { create, text: write?.edits?.[0]?.newText ?? "" };
  };

  it("on the job line: creates a .ts file next to the job file that builds the same job, and opens it", () => {
    const convert = convertOf(JOB);
    const { create, text } = written(convert);
    expect(create?.kind).toBe("create");
    expect(create?.uri).toMatch(/\.ts$/);
    expect(text).toContain('const httpPort = new Port(webGroup, "http", { to: 80 });');
    expect(text).toContain('Driver.docker({ image: "nginx", ports: [httpPort] })');
    expect(text).toContain("export default app;");
    expect(convert?.command).toEqual({
      title: "Open the converted file",
      command: "nomadkit.openFile",
      arguments: [create?.uri],
    });
  });

  it("is offered only on the job line, not on every line of the file", () => {
    const lines = JOB.replace("|", "").split("\n");
    const offered = lines.map((_, i) => {
      const marked = lines.map((l, j) => (j === i ? `|${l}` : l)).join("\n");
      return convertOf(marked) !== undefined;
    });
    expect(offered.map((o, i) => (o ? i : -1)).filter((i) => i >= 0)).toEqual([0]);
  });

  it("is not offered for a job with errors in it", () => {
    expect(convertOf('jo|b "web" {\n  group "web" {\n    count = "x"\n  }\n}\n')).toBeUndefined();
  });

  it("converts a file whose errors are outside the job, leaving those blocks out", () => {
    const broken = `variable "unused" {\n  default = \n}\n\n${JOB}\nlocals {\n  x = [1,\n}\n`;
    expect(actions(broken).length).toBeGreaterThan(0);
    const { text } = written(convertOf(broken));
    expect(text).toContain('Driver.docker({ image: "nginx", ports: [httpPort] })');
    expect(text).not.toContain("unused");
  });
});
