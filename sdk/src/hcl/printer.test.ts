// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are HCL source, where ${…} is HCL syntax.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  attribute,
  type BodyItem,
  blankLine,
  block,
  type ConfigFile,
  type Expression,
  file,
  fromValue,
  heredoc,
  literal,
  object,
  str,
  tuple,
} from "./ast.js";
import { format } from "./format.js";
import { parse } from "./parser.js";
import { print } from "./printer.js";
import { shape } from "./test-helpers.js";

describe("print", () => {
  it("writes a job the way nomad fmt would", () => {
    const job = file([
      block(
        "job",
        ["web"],
        [
          attribute("datacenters", tuple([str("dc1"), str("dc2")])),
          attribute("type", str("service")),
          blankLine(),
          block(
            "group",
            ["api"],
            [
              attribute("count", literal(3)),
              attribute(
                "meta",
                object([
                  ["owner", str("team-a")],
                  ["cost-center", str("42")],
                ]),
              ),
            ],
          ),
        ],
      ),
    ]);
    expect(print(job)).toBe(
      [
        'job "web" {',
        '  datacenters = ["dc1", "dc2"]',
        '  type        = "service"',
        "",
        '  group "api" {',
        "    count = 3",
        "    meta = {",
        '      owner         = "team-a"',
        '      cost-center   = "42"',
        "    }",
        "  }",
        "}",
        "",
      ]
        .join("\n")
        .replace("cost-center   =", "cost-center =")
        .replace("owner         =", "owner       ="),
    );
  });

  it("escapes strings but keeps runtime interpolation", () => {
    const text = print(
      file([attribute("a", str('say "hi"\\\n\t%{x} ${NOMAD_PORT_http} ${attr.kernel.name}\u0001'))]),
    );
    expect(text).toBe('a = "say \\"hi\\"\\\\\\n\\t%%{x} ${NOMAD_PORT_http} ${attr.kernel.name}\\u0001"\n');
    expect(parse(text).errors).toEqual([]);
  });

  it("escapes every ${ that is not a runtime reference jobspec2 keeps as text", () => {
    // What jobspec2 reads each printed string as was checked against Nomad's parser
    // (test/synth-property.test.ts finds these).
    const cases: [string, string][] = [
      ["${NOMAD_ALLOC_ID}", "${NOMAD_ALLOC_ID}"],
      ["${meta.has-gpu}", "${meta.has-gpu}"],
      ["x${y", "x$${y"],
      ["${日本}", "$${日本}"],
      ["$${z}", "$$${z}"],
      ["${var.x}", "$${var.x}"],
      ["${true}", "$${true}"],
      ["${x}}", "$${x}}"],
      ["%%{", "%%%{"],
    ];
    for (const [value, written] of cases) {
      expect(print(file([attribute("a", str(value))]))).toBe(`a = "${written}"\n`);
    }
    expect(print(file([attribute("a", object([["k${", str("v")]]))]))).toBe('a = {\n  "k$${" = "v"\n}\n');
    expect(print(file([attribute("a", heredoc("${日本}\n"))]))).toBe("a = <<-EOT\n  $${日本}\nEOT\n");
    // A block label allows no template sequence at all (found with a task named "${NOMAD_ALLOC_ID}").
    expect(print(file([block("task", ["${NOMAD_ALLOC_ID}"], [])]))).toBe('task "$${NOMAD_ALLOC_ID}" {\n}\n');
  });

  it("writes numbers Go reads back exactly", () => {
    const text = print(
      file([
        attribute("a", literal(2 ** 53)),
        attribute("b", literal(1e21)),
        attribute("c", literal(-0.5)),
        attribute("d", literal(1.5e-7)),
      ]),
    );
    expect(text).toBe("a = 9007199254740992\nb = 1000000000000000000000\nc = -0.5\nd = 1.5e-7\n");
  });

  it("writes heredocs indented, with a marker not in the text", () => {
    const text = print(file([block("template", [], [attribute("data", heredoc("line ${x}\nEOT\n"))])]));
    expect(text).toBe("template {\n  data = <<-EOT1\n    line ${x}\n    EOT\n  EOT1\n}\n");
  });

  it("keeps heredoc text with common indentation exact", () => {
    const text = print(file([attribute("data", heredoc("  a\n  b\n"))]));
    expect(text).toBe("data = <<EOT\n  a\n  b\nEOT\n");
  });

  it("writes text with a control character other than tab and newline as a quoted string", () => {
    // The property test found "\u0000\n" in meta read back as other text from a heredoc.
    expect(print(file([attribute("data", heredoc("\u0000\n"))]))).toBe('data = "\\u0000\\n"\n');
    expect(print(file([attribute("data", heredoc("a\u001bb\n"))]))).toBe('data = "a\\u001bb\\n"\n');
  });

  it("writes text without a final newline as a quoted string", () => {
    expect(print(file([attribute("data", heredoc("a\nb"))]))).toBe('data = "a\\nb"\n');
  });

  it("quotes keys that are not names, breaks long tuples", () => {
    const long = tuple(Array.from({ length: 12 }, (_, i) => str(`item-number-${i}`)));
    const text = print(
      file([
        attribute(
          "k",
          object([
            ["a b", literal(1)],
            ["true", literal(2)],
          ]),
        ),
        attribute("l", long),
      ]),
    );
    expect(text).toMatch(/"a b" += {1,2}1/);
    expect(text).toContain('"true" = 2');
    expect(text).toContain('l = [\n  "item-number-0",\n');
    expect(text).toContain('  "item-number-11",\n]');
  });

  it("prints a parsed file back to the same structure", () => {
    const source = 'a = [for x in var.l : upper(x) if x != ""]\nb = "${a}-%{if c}y%{endif}"\nc = a[*].id\n';
    const printed = print(parse(source).file);
    expect(shape(parse(printed).file)).toEqual(shape(parse(source).file));
  });
});

// ---- Property: print → parse gives back the AST, and print is stable under format.

const name = fc
  .stringMatching(/^[a-z][a-z0-9_]{0,6}$/)
  .filter((n) => !["true", "false", "null", "for", "in", "if"].includes(n));
const text = fc
  .string({
    unit: fc.constantFrom(
      "a",
      "Z",
      " ",
      '"',
      "\\",
      "\n",
      "\t",
      "\r",
      "%",
      "{",
      "}",
      "$",
      "é",
      "😀",
      "\u0001",
      "#",
    ),
  })
  .filter((s) => !s.includes("${"));
const number = fc
  .oneof(fc.integer({ min: -(2 ** 53), max: 2 ** 53 }), fc.double({ noNaN: true, noDefaultInfinity: true }))
  .map((n) => (Object.is(n, -0) ? 0 : n));
const heredocText = fc
  .array(
    fc
      .string({ unit: fc.constantFrom("a", " ", "\t", "%", "{", "$", "E", "O", "T") })
      .filter((s) => !s.includes("${")),
    { minLength: 1, maxLength: 4 },
  )
  .map((lines) => `${lines.join("\n")}\n`);

const { expression } = fc.letrec<{ expression: Expression }>((tie) => ({
  expression: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    number.map(literal),
    fc.constantFrom(literal(true), literal(false), literal(null)),
    text.map(str),
    heredocText.map((t) => heredoc(t)),
    name.map((root): Expression => ({ type: "Traversal", root, steps: [{ type: "GetAttr", name: "x" }] })),
    fc.array(tie("expression"), { maxLength: 4 }).map(tuple),
    fc.array(fc.tuple(text, tie("expression")), { maxLength: 3 }).map((entries) => object(entries)),
    fc
      .tuple(name, fc.array(tie("expression"), { maxLength: 3 }))
      .map(([n, args]): Expression => ({ type: "FunctionCall", name: n, args })),
    fc
      .tuple(
        fc.constantFrom("+", "-", "*", "/", "%", "==", "!=", "<", ">", "&&", "||"),
        tie("expression"),
        tie("expression"),
      )
      .map(([op, left, right]): Expression => ({ type: "BinaryOp", op, left, right })),
    fc.tuple(tie("expression"), tie("expression"), tie("expression")).map(
      ([condition, trueExpr, falseExpr]): Expression => ({
        type: "Conditional",
        condition,
        trueExpr,
        falseExpr,
      }),
    ),
    name.map(
      (root): Expression => ({ type: "UnaryOp", op: "!", operand: { type: "Traversal", root, steps: [] } }),
    ),
  ),
}));

const bodyItems = (depth: number): fc.Arbitrary<BodyItem[]> =>
  fc.array(
    depth > 0
      ? fc.oneof(
          fc.tuple(name, expression).map(([n, v]) => attribute(n, v)),
          fc.constant(blankLine()),
          fc
            .tuple(name, fc.array(text, { maxLength: 2 }), fc.constant(null))
            .chain(([t, labels]) => bodyItems(depth - 1).map((items) => block(t, labels, items))),
        )
      : fc.oneof(
          fc.tuple(name, expression).map(([n, v]) => attribute(n, v)),
          fc.constant(blankLine()),
        ),
    { maxLength: 4 },
  );

/** Equivalence ignores ranges, parentheses the printer adds, object separators and the heredoc marker chosen. */
function normalize(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(shape(value), (key, v) => {
      if (key === "separator") return undefined;
      if (key === "heredoc") return true;
      if (v && typeof v === "object" && (v as { type?: string }).type === "Parens")
        return (v as { expr: unknown }).expr;
      return v;
    }),
  );
}

describe("print (properties)", () => {
  it("parse(print(ast)) gives the same AST, and format leaves print's output alone", () => {
    fc.assert(
      fc.property(bodyItems(2).map(file), (ast: ConfigFile) => {
        const printed = print(ast);
        expect(format(printed)).toBe(printed);
        const reparsed = parse(printed);
        expect(reparsed.errors).toEqual([]);
        expect(normalize(reparsed.file.body)).toEqual(normalize(ast.body));
      }),
      { numRuns: 300 },
    );
  });

  it("fromValue covers JSON", () => {
    fc.assert(
      // `${` is kept as an interpolation by design, so JSON text must not hold a stray one.
      fc.property(
        fc.jsonValue().filter((v) => !JSON.stringify(v).includes("${")),
        (value) => {
          const printed = print(file([attribute("v", fromValue(value))]));
          expect(parse(printed).errors).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
