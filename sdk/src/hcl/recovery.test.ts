// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are HCL source, where ${…} is HCL syntax.
// Half-written input: the parser must keep going, keep what it understood, and say where it stopped.
import { describe, expect, it } from "vitest";
import type { Attribute, Block, BodyItem } from "./ast.js";
import { parse } from "./parser.js";

/** A compact outline: blocks as "type[children]", attributes as "name=ValueType". */
function outline(items: BodyItem[]): string[] {
  return items.map((item) => {
    if (item.type === "Block") return `${item.blockType}[${outline(item.body.items).join(",")}]`;
    if (item.type === "Attribute") return `${item.name}=${item.value.type}`;
    return "_";
  });
}

const errorsAt = (source: string) =>
  parse(source).errors.map((e) => `${e.range.start.line}:${e.range.start.column}`);

describe("recovery", () => {
  it("keeps unfinished blocks and the name being typed", () => {
    const source = 'job "x" {\n group "g" {\n  task "t" {\n   dri\n';
    const { file, errors } = parse(source);
    expect(outline(file.body.items)).toEqual(["job[group[task[dri=Invalid]]]"]);
    const task = ((file.body.items[0] as Block).body.items[0] as Block).body.items[0] as Block;
    const dri = task.body.items[0] as Attribute;
    expect(dri.nameRange).toEqual({
      start: { line: 4, column: 4, offset: 39 },
      end: { line: 4, column: 7, offset: 42 },
    });
    expect(errors.map((e) => `${e.range.start.line}:${e.range.start.column}`)).toEqual([
      "1:9",
      "2:12",
      "3:12",
      "4:7",
    ]);
    expect(errors[0]?.message).toContain('Block "job" is not closed');
  });

  it("goes on after a missing value", () => {
    const { file, errors } = parse("a = \nb = 2\n");
    expect(outline(file.body.items)).toEqual(["a=Invalid", "b=Literal"]);
    expect(errors.map((e) => [e.range.start.line, e.range.start.column])).toEqual([[1, 5]]);
  });

  it("goes on after a missing =", () => {
    const { file, errors } = parse('job "x" {\n  count 3\n  type = "batch"\n}\n');
    expect(outline(file.body.items)).toEqual(["job[count=Invalid,type=Template]"]);
    expect(errors[0]?.range.start).toEqual({ line: 2, column: 9, offset: 18 });
  });

  it("skips a stray closing brace and parses the rest", () => {
    const { file, errors } = parse("a = 1\n}\nb = 2\n");
    expect(outline(file.body.items)).toEqual(["a=Literal", "b=Literal"]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining("no block to close")]);
    expect(errors[0]?.range).toEqual({
      start: { line: 2, column: 1, offset: 6 },
      end: { line: 2, column: 2, offset: 7 },
    });
  });

  it("skips a stray token inside a block", () => {
    const { file } = parse('job "x" {\n  = 3\n  type = "batch"\n}\n');
    expect(outline(file.body.items).join()).toContain("type=Template");
  });

  it("keeps a block open past a stray token in its body", () => {
    const { file, errors } = parse('job "x" {\n  = 3\n  type = "batch"\n}\n');
    expect(outline(file.body.items)).toEqual(["job[type=Template]"]);
    expect(errors.map((e) => `${e.range.start.line}:${e.range.start.column} ${e.message}`)).toEqual([
      '2:3 Expected "}", found "=".',
    ]);
  });

  it("reports one error where the file ends mid-string", () => {
    const { file, errors } = parse('a = ["x", "y\n'.slice(0, -1));
    expect(outline(file.body.items)).toEqual(["a=Tuple"]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining("Unterminated string")]);
  });

  it("ends an unterminated string at the end of its line", () => {
    const { file, errors } = parse('a = "abc\nb = 2\n');
    expect(outline(file.body.items)).toEqual(["a=Template", "b=Literal"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain("Unterminated string");
    expect(errors[0]?.range.start).toEqual({ line: 1, column: 9, offset: 8 });
  });

  it("reports an unterminated heredoc at the end of the file", () => {
    const { file, errors } = parse("x = <<EOT\nhello\n");
    expect(outline(file.body.items)).toEqual(["x=Template"]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining("Unterminated heredoc")]);
    expect(errors[0]?.range.start).toEqual({ line: 3, column: 1, offset: 16 });
  });

  it("reports an unclosed tuple", () => {
    expect(errorsAt("a = [1, 2\n").length).toBeGreaterThan(0);
  });

  it("reports bad template directives", () => {
    expect(parse('a = "%{if x}y"\n').errors[0]?.message).toContain("never closed");
    expect(parse('a = "%{endfor}"\n').errors[0]?.message).toContain("without a matching");
  });

  it("never throws on garbage", () => {
    for (const source of [
      "}}}",
      "{{{",
      '"',
      "<<",
      "a = (((",
      "${",
      "a = [for",
      "%{",
      "x = <<-\n",
      "\u0000",
    ]) {
      expect(() => parse(source)).not.toThrow();
      expect(parse(source).errors.length).toBeGreaterThan(0);
    }
  });
});

describe("recovery from indentation", () => {
  it("ends an unclosed block at a less indented '}', so the blocks below keep their parent", () => {
    const source =
      'job "x" {\n  group "g" {\n    network {\n      port "http" {\n    }\n    task "t" {\n      driver = "docker"\n    }\n  }\n}\n';
    const { file, errors } = parse(source);
    expect(outline(file.body.items)).toEqual(["job[group[network[port[]],task[driver=Template]]]"]);
    expect(errors.map((e) => `${e.range.start.line}:${e.range.start.column} ${e.message}`)).toEqual([
      '4:19 Block "port" is not closed: this "{" has no matching "}".',
    ]);
  });

  it("leaves a valid file with a dedented '}' alone", () => {
    const { file, errors } = parse('  job "x" {\n    type = "batch"\n}\n');
    expect(outline(file.body.items)).toEqual(["job[type=Template]"]);
    expect(errors).toEqual([]);
  });

  it("lets an unclosed block's body run to the end of the file", () => {
    const source = 'job "x" {\n  group "g" {\n    task "t" {\n      \n';
    const task = (((parse(source).file.body.items[0] as Block).body.items[0] as Block).body.items[0] as Block)
      .body;
    expect(task.range?.end.offset).toBe(source.length);
  });

  it("ends an unterminated heredoc before the first less indented line that looks like HCL", () => {
    const source =
      'job "x" {\n  group "g" {\n    task "t" {\n      template {\n        data = <<EOT\n        hello {{ key "a" }}\n      }\n      driver = "docker"\n    }\n  }\n}\n';
    const { file, errors } = parse(source);
    expect(outline(file.body.items)).toEqual(["job[group[task[template[data=Template],driver=Template]]]"]);
    expect(errors.map((e) => `${e.range.start.line}:${e.range.start.column} ${e.message}`)).toEqual([
      "7:7 Unterminated heredoc: its closing marker must be on a line of its own.",
    ]);
  });

  it("keeps an unterminated heredoc's text at column 0 (an env file, JSON) in the heredoc", () => {
    const source =
      'job "x" {\n  group "g" {\n    task "t" {\n      template {\n        data = <<EOH\nDB={{ env "NOMAD_ADDR_db" }}\n{\n}\n      }\n      driver = "docker"\n    }\n  }\n}\n';
    const { file, errors } = parse(source);
    expect(outline(file.body.items)).toEqual(["job[group[task[template[data=Template],driver=Template]]]"]);
    expect(errors.map((e) => e.range.start.line)).toEqual([9]);
  });

  it("keeps a heredoc's own text even when it looks like HCL, if it is indented deeper", () => {
    const source = 'job "x" {\n  meta {\n    a = <<EOT\n    b = 1\n    }\n';
    expect(outline(parse(source).file.body.items)).toEqual(["job[meta[a=Template]]"]);
  });

  it("ends an unclosed block at the next item no deeper than its own line", () => {
    const source =
      'job "x" {\n  group "g" {\n    constraint {\n      attribute = "${attr.kernel.name}"\n    task "t" {\n      driver = "docker"\n    }\n  }\n}\n';
    const { file, errors } = parse(source);
    expect(outline(file.body.items)).toEqual([
      "job[group[constraint[attribute=Template],task[driver=Template]]]",
    ]);
    expect(errors.map((e) => e.range.start.line)).toEqual([3]);
  });

  it("an unclosed quote that swallows a one-line block's brace costs only that block", () => {
    const source =
      'job "x" {\n  group "g" {\n    meta { owner = "abc }\n    task "t" {\n      driver = "docker"\n    }\n  }\n}\n';
    expect(outline(parse(source).file.body.items)).toEqual([
      "job[group[meta[owner=Template],task[driver=Template]]]",
    ]);
  });

  it("doesn't read structure into a file written flush left", () => {
    const source = 'job "x" {\ngroup "g" {\ntask "t" {\ndriver = "docker"\n}\n}\n';
    expect(outline(parse(source).file.body.items)).toEqual(["job[group[task[driver=Template]]]"]);
  });

  it("goes on after an unclosed quote and an unclosed block together", () => {
    const source =
      'job "x" {\n  group "g" {\n    task "t" {\n      driver = "dock\n      config {\n        image = "x"\n    }\n    service {\n      name = "s"\n    }\n  }\n}\n';
    const { file } = parse(source);
    expect(outline(file.body.items)).toEqual([
      "job[group[task[driver=Template,config[image=Template]],service[name=Template]]]",
    ]);
  });
});
