// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are HCL source, where ${…} is HCL syntax.
import { describe, expect, it } from "vitest";
import type { Attribute, Block, Expression } from "./ast.js";
import { parse } from "./parser.js";
import { shape } from "./test-helpers.js";

/** Parses `x = <source>` and returns the value's shape. */
function value(source: string): Expression {
  const result = parse(`x = ${source}\n`);
  expect(result.errors).toEqual([]);
  return shape((result.file.body.items[0] as Attribute).value);
}

const name = (root: string) => ({ type: "Traversal", root, steps: [] });
const num = (n: number) => ({ type: "Literal", value: n });
const text = (v: string) => ({ type: "Template", parts: [{ type: "TemplateLiteral", value: v }] });

describe("parse: expressions", () => {
  it.each<[string, string, unknown]>([
    ["integer", "42", num(42)],
    ["exponent", "1.5e3", num(1500)],
    ["negative number folds", "-3", num(-3)],
    [
      "booleans and null",
      "[true, false, null]",
      {
        type: "Tuple",
        items: [
          { type: "Literal", value: true },
          { type: "Literal", value: false },
          { type: "Literal", value: null },
        ],
      },
    ],
    ["string escapes", '"a\\n\\t\\"\\\\\\u00e9\\U0001F600"', text('a\n\t"\\é😀')],
    ["escaped interpolation", '"$${x} %%{y}"', text("${x} %{y}")],
    [
      "interpolation",
      '"a${b}c"',
      {
        type: "Template",
        parts: [
          { type: "TemplateLiteral", value: "a" },
          { type: "TemplateInterpolation", expr: name("b") },
          { type: "TemplateLiteral", value: "c" },
        ],
      },
    ],
    [
      "strip markers",
      '"${~b~}"',
      {
        type: "Template",
        parts: [{ type: "TemplateInterpolation", expr: name("b"), stripLeft: true, stripRight: true }],
      },
    ],
    [
      "directives",
      '"%{if a}y%{else}n%{endif}"',
      {
        type: "Template",
        parts: [
          { type: "TemplateDirective", kind: "if", expr: name("a") },
          { type: "TemplateLiteral", value: "y" },
          { type: "TemplateDirective", kind: "else" },
          { type: "TemplateLiteral", value: "n" },
          { type: "TemplateDirective", kind: "endif" },
        ],
      },
    ],
    [
      "for directive",
      '"%{for k, v in m}${k}%{endfor}"',
      {
        type: "Template",
        parts: [
          { type: "TemplateDirective", kind: "for", expr: name("m"), keyVar: "k", valueVar: "v" },
          { type: "TemplateInterpolation", expr: name("k") },
          { type: "TemplateDirective", kind: "endfor" },
        ],
      },
    ],
    [
      "heredoc",
      "<<EOT\n  a\nb\nEOT",
      {
        type: "Template",
        parts: [{ type: "TemplateLiteral", value: "  a\nb\n" }],
        heredoc: { marker: "EOT", indented: false },
      },
    ],
    [
      "indented heredoc",
      "<<-EOT\n    a\n      b\n\n    EOT",
      {
        type: "Template",
        parts: [{ type: "TemplateLiteral", value: "a\n  b\n\n" }],
        heredoc: { marker: "EOT", indented: true },
      },
    ],
    [
      "heredoc with interpolation",
      "<<EOT\nhi ${name}\nEOT",
      {
        type: "Template",
        parts: [
          { type: "TemplateLiteral", value: "hi " },
          { type: "TemplateInterpolation", expr: name("name") },
          { type: "TemplateLiteral", value: "\n" },
        ],
        heredoc: { marker: "EOT", indented: false },
      },
    ],
    ["tuple over lines with trailing comma", "[\n  1,\n  2,\n]", { type: "Tuple", items: [num(1), num(2)] }],
    [
      "object keys: names, strings, parens; = and :",
      '{\n  a = 1\n  "b c": 2, (k) = 3\n}',
      {
        type: "Object",
        items: [
          { key: text("a"), value: num(1), separator: "=" },
          { key: text("b c"), value: num(2), separator: ":" },
          { key: { type: "Parens", expr: name("k") }, value: num(3), separator: "=" },
        ],
      },
    ],
    [
      "traversal",
      "var.ports[0].name",
      {
        type: "Traversal",
        root: "var",
        steps: [
          { type: "GetAttr", name: "ports" },
          { type: "Index", key: num(0) },
          { type: "GetAttr", name: "name" },
        ],
      },
    ],
    [
      "legacy index",
      "a.0.b",
      {
        type: "Traversal",
        root: "a",
        steps: [
          { type: "LegacyIndex", index: 0 },
          { type: "GetAttr", name: "b" },
        ],
      },
    ],
    [
      "full splat",
      "a[*].b",
      { type: "Splat", source: name("a"), full: true, each: [{ type: "GetAttr", name: "b" }] },
    ],
    [
      "attribute splat stops at an index",
      "a.*.b[0]",
      {
        type: "Index",
        collection: { type: "Splat", source: name("a"), full: false, each: [{ type: "GetAttr", name: "b" }] },
        key: num(0),
      },
    ],
    [
      "get attribute of a call",
      "f().x",
      { type: "GetAttr", object: { type: "FunctionCall", name: "f", args: [] }, name: "x" },
    ],
    [
      "call with expansion",
      "concat(a, b...)",
      { type: "FunctionCall", name: "concat", args: [name("a"), name("b")], expandFinal: true },
    ],
    [
      "namespaced call",
      "provider::ns::f(1)",
      { type: "FunctionCall", name: "provider::ns::f", args: [num(1)] },
    ],
    [
      "tuple for",
      "[for i, v in l : v * 2 if i > 0]",
      {
        type: "ForExpr",
        valueVar: "v",
        collection: name("l"),
        valueExpr: { type: "BinaryOp", op: "*", left: name("v"), right: num(2) },
        object: false,
        range: undefined,
        keyVar: "i",
        condition: { type: "BinaryOp", op: ">", left: name("i"), right: num(0) },
      },
    ],
    [
      "object for with grouping",
      "{for k, v in m : v => k...}",
      {
        type: "ForExpr",
        valueVar: "v",
        collection: name("m"),
        valueExpr: name("k"),
        object: true,
        keyVar: "k",
        keyExpr: name("v"),
        grouping: true,
      },
    ],
    [
      "conditional",
      "a ? 1 : 2",
      { type: "Conditional", condition: name("a"), trueExpr: num(1), falseExpr: num(2) },
    ],
    [
      "precedence",
      "a || b && c == d + e * f",
      {
        type: "BinaryOp",
        op: "||",
        left: name("a"),
        right: {
          type: "BinaryOp",
          op: "&&",
          left: name("b"),
          right: {
            type: "BinaryOp",
            op: "==",
            left: name("c"),
            right: {
              type: "BinaryOp",
              op: "+",
              left: name("d"),
              right: { type: "BinaryOp", op: "*", left: name("e"), right: name("f") },
            },
          },
        },
      },
    ],
    [
      "left associative",
      "a - b - c",
      {
        type: "BinaryOp",
        op: "-",
        left: { type: "BinaryOp", op: "-", left: name("a"), right: name("b") },
        right: name("c"),
      },
    ],
    [
      "unary",
      "!a && -b",
      {
        type: "BinaryOp",
        op: "&&",
        left: { type: "UnaryOp", op: "!", operand: name("a") },
        right: { type: "UnaryOp", op: "-", operand: name("b") },
      },
    ],
    [
      "parentheses",
      "(a + b) * c",
      {
        type: "BinaryOp",
        op: "*",
        left: { type: "Parens", expr: { type: "BinaryOp", op: "+", left: name("a"), right: name("b") } },
        right: name("c"),
      },
    ],
    [
      "newlines inside brackets are ignored",
      "f(\n  1,\n  2\n)",
      { type: "FunctionCall", name: "f", args: [num(1), num(2)] },
    ],
  ])("%s", (_name, source, expected) => {
    expect(value(source)).toEqual(shape(expected));
  });
});

describe("parse: bodies", () => {
  it("reads blocks, labels, attributes and blank lines", () => {
    const { file, errors } = parse('job "web" {\n  type = "service"\n\n  group api {\n  }\n}\n');
    expect(errors).toEqual([]);
    expect(shape(file.body.items)).toEqual([
      {
        type: "Block",
        blockType: "job",
        labels: [{ value: "web", quoted: true }],
        body: {
          type: "Body",
          items: [
            { type: "Attribute", name: "type", value: text("service") },
            { type: "BlankLine" },
            {
              type: "Block",
              blockType: "group",
              labels: [{ value: "api", quoted: false }],
              body: { type: "Body", items: [] },
            },
          ],
        },
      },
    ]);
  });

  it("gives exact ranges", () => {
    const source = 'job "web" {\n  count = 1 + 2\n}\n';
    const { file } = parse(source);
    const job = file.body.items[0] as Block;
    const count = job.body.items[0] as Attribute;
    const text = (r: { start: { offset: number }; end: { offset: number } } | undefined) =>
      r && source.slice(r.start.offset, r.end.offset);
    expect(text(job.range)).toBe('job "web" {\n  count = 1 + 2\n}');
    expect(job.typeRange?.start).toEqual({ line: 1, column: 1, offset: 0 });
    expect(text(job.labels[0]?.range)).toBe('"web"');
    expect(text(count.range)).toBe("count = 1 + 2");
    expect(count.nameRange).toEqual({
      start: { line: 2, column: 3, offset: 14 },
      end: { line: 2, column: 8, offset: 19 },
    });
    expect(text(count.value.range)).toBe("1 + 2");
    expect(count.value.range?.start).toEqual({ line: 2, column: 11, offset: 22 });
  });

  it("allows a single-line block with one argument", () => {
    expect(parse("a { b = 1 }\nc {}\n").errors).toEqual([]);
  });

  it("requires one item per line and a closing brace on its own line", () => {
    expect(parse("a = 1 b = 2\n").errors.map((e) => e.message)).toEqual([
      expect.stringContaining("own line"),
    ]);
    expect(parse("a {\n  b = 1 }\n").errors.map((e) => e.message)).toEqual([
      expect.stringContaining("own line"),
    ]);
    expect(parse("a { b = 1\n}\n").errors.length).toBeGreaterThan(0);
  });

  it("reports quoted names, hex numbers and bad escapes in hcl2 mode", () => {
    expect(parse('"a" = 1\n').errors[0]?.message).toContain("must not be quoted");
    expect(parse("a = 0x10\n").errors[0]?.message).toContain("HCL1");
    expect(parse('a = "\\q"\n').errors[0]?.range).toEqual({
      start: { line: 1, column: 6, offset: 5 },
      end: { line: 1, column: 8, offset: 7 },
    });
  });

  it("hcl1 mode accepts quoted keys, hex and octal, and keeps ${} as text", () => {
    const { file, errors } = parse('"key" = 0x1F\nmode = 0755\nbind "x" { }\nv = "${var.x}"\n', {
      mode: "hcl1",
    });
    expect(errors).toEqual([]);
    const items = shape(file.body.items) as Array<Attribute | Block>;
    expect(items.map((i) => (i.type === "Attribute" ? [i.name, i.value] : [i.blockType]))).toEqual([
      ["key", num(31)],
      ["mode", num(493)],
      ["bind"],
      ["v", text("${var.x}")],
    ]);
  });

  it("reads a byte order mark as nothing", () => {
    const { file, errors } = parse("\ufeffa = 1\n");
    expect(errors).toEqual([]);
    expect((file.body.items[0] as Attribute).name).toBe("a");
  });
});
