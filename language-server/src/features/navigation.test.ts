import { describe, expect, it } from "vitest";
import { definition, references } from "./navigation.js";
import { rename } from "./rename.js";
import { atCursor } from "./test-cursor.js";

const job = (cursorIn: string) =>
  `variable "img" {\n  default = "nginx"\n}\nlocals {\n  tag = "1"\n}\njob "x" {\n  group "g" {\n    network {\n      port "http" {}\n    }\n    volume "data" {\n      type   = "host"\n      source = "d"\n    }\n    task "t" {\n      driver = "docker"\n      config {\n        image = "\${var.img}:\${local.tag}"\n        ports = ["http"]\n      }\n      volume_mount {\n        volume      = "data"\n        destination = "/d"\n      }\n    }\n    service {\n      port = "http"\n      task = "t"\n    }\n  }\n}\n`.replace(
    cursorIn.replace("#", ""),
    cursorIn.replace("#", "|"),
  );

describe("definition, references and rename", () => {
  it.each([
    ["a variable", "${var.i#mg}", 0],
    ["a local", "${local.t#ag}", 4],
    ["a port from docker ports", '["ht#tp"]', 9],
    ["a port from a service", 'port = "ht#tp"', 9],
    ["a volume", 'volume      = "da#ta"', 11],
    ["a task", 'task = "#t"', 15],
  ])("finds the declaration of %s", (_, marker, line) => {
    const c = atCursor(job(marker));
    expect(definition(c.analysis, c.offset).map((l) => l.range.start.line)).toEqual([line]);
  });

  it("finds every reference of a port in its group", () => {
    const c = atCursor(job('port "h#ttp"'));
    expect(references(c.analysis, c.offset, true).map((l) => l.range.start.line)).toEqual([9, 19, 27]);
  });

  it("renames a variable everywhere and refuses a bad name", () => {
    const c = atCursor(job('variable "i#mg"'));
    const edit = rename(c.analysis, c.offset, "image");
    expect(
      typeof edit === "object" && edit.changes?.[c.analysis.uri]?.map((e) => [e.range.start.line, e.newText]),
    ).toEqual([
      [0, "image"],
      [18, "image"],
    ]);
    expect(rename(c.analysis, c.offset, "no good")).toMatch(/not a valid name/);
  });
});
