// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are HCL source, where ${…} is HCL syntax.
import { describe, expect, it } from "vitest";
import { tokenize } from "./tokens.js";

const kinds = (source: string, mode: "hcl2" | "hcl1" = "hcl2") =>
  tokenize(source, mode).tokens.map((t) => `${t.tokenType.name}:${t.image}`);

describe("tokenize", () => {
  it.each([
    ["names with dashes", "foo-bar_1", ["Identifier:foo-bar_1"]],
    [
      "numbers",
      "1 1.5 2e10 3.25E-3",
      ["NumberLit:1", "NumberLit:1.5", "NumberLit:2e10", "NumberLit:3.25E-3"],
    ],
    ["hex is lexed (the parser decides)", "0x1F", ["NumberLit:0x1F"]],
    [
      "operators",
      "== != <= >= && || :: ... => ! ?",
      [
        "EqualEqual:==",
        "NotEqual:!=",
        "LessEqual:<=",
        "GreaterEqual:>=",
        "AndAnd:&&",
        "OrOr:||",
        "DoubleColon:::",
        "Ellipsis:...",
        "FatArrow:=>",
        "Bang:!",
        "Question:?",
      ],
    ],
    ["newlines are tokens", "a\r\nb\n", ["Identifier:a", "Newline:\r\n", "Identifier:b", "Newline:\n"]],
    [
      "string escapes stay raw",
      '"a\\n\\"\\u00e9"',
      ['Quote:"', 'QuotedLiteral:a\\n\\"\\u00e9', 'QuoteEnd:"'],
    ],
    [
      "interpolation",
      '"x${a}y"',
      [
        'Quote:"',
        "QuotedLiteral:x",
        "InterpStart:${",
        "Identifier:a",
        "RBrace:}",
        "QuotedLiteral:y",
        'QuoteEnd:"',
      ],
    ],
    [
      "strip markers",
      '"${~a~}"',
      ['Quote:"', "InterpStart:${~", "Identifier:a", "StripRBrace:~}", 'QuoteEnd:"'],
    ],
    [
      "directives",
      '"%{if a}b%{endif}"',
      [
        'Quote:"',
        "ControlStart:%{",
        "Identifier:if",
        "Identifier:a",
        "RBrace:}",
        "QuotedLiteral:b",
        "ControlStart:%{",
        "Identifier:endif",
        "RBrace:}",
        'QuoteEnd:"',
      ],
    ],
    [
      "escaped sequences are literal",
      '"$${a} %%{b}"',
      ['Quote:"', "QuotedLiteral:$${a} %%{b}", 'QuoteEnd:"'],
    ],
    [
      "braces inside interpolation nest",
      '"${ {a = 1} }"',
      [
        'Quote:"',
        "InterpStart:${",
        "LBrace:{",
        "Identifier:a",
        "Equals:=",
        "NumberLit:1",
        "RBrace:}",
        "RBrace:}",
        'QuoteEnd:"',
      ],
    ],
    [
      "strings inside interpolation",
      '"${f("}")}"',
      [
        'Quote:"',
        "InterpStart:${",
        "Identifier:f",
        "LParen:(",
        'Quote:"',
        "QuotedLiteral:}",
        'QuoteEnd:"',
        "RParen:)",
        "RBrace:}",
        'QuoteEnd:"',
      ],
    ],
    [
      "heredoc",
      "<<EOT\nhi ${x}\nEOT\n",
      [
        "HeredocStart:<<EOT\n",
        "HeredocLiteral:hi ",
        "InterpStart:${",
        "Identifier:x",
        "RBrace:}",
        "HeredocLiteral:\n",
        "HeredocEnd:EOT",
        "Newline:\n",
      ],
    ],
    [
      "indented heredoc, marker mid-line is text",
      "<<-EOT\n  a EOT\n  EOT\n",
      ["HeredocStart:<<-EOT\n", "HeredocLiteral:  a EOT\n", "HeredocEnd:  EOT", "Newline:\n"],
    ],
  ])("%s", (_name, source, expected) => {
    expect(kinds(source)).toEqual(expected);
  });

  it("keeps comments apart from the parser's tokens", () => {
    const result = tokenize("a = 1 # one\n// two\n/* three\n */ b = 2");
    expect(result.comments.map((c) => c.image)).toEqual(["# one", "// two", "/* three\n */"]);
    expect(result.tokens.map((t) => t.image)).toEqual(["a", "=", "1", "\n", "\n", "b", "=", "2"]);
  });

  it("hcl1 strings keep interpolation as text", () => {
    expect(kinds('"${var.x}"', "hcl1")).toEqual(['Quote:"', "Hcl1QuotedLiteral:${var.x}", 'QuoteEnd:"']);
    expect(kinds('"a${b("c")}"', "hcl1")).toEqual(['Quote:"', 'Hcl1QuotedLiteral:a${b("c")}', 'QuoteEnd:"']);
  });

  it("reports characters HCL does not use", () => {
    expect(tokenize("a = 1 ; b").errors).toHaveLength(1);
  });
});
