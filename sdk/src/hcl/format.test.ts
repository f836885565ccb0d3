// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are HCL source, where ${…} is HCL syntax.
import { describe, expect, it } from "vitest";
import { format } from "./format.js";

// Nomad's own files (nomad fmt's golden pairs, idempotence over the corpus) are checked in
// test/hcl-format.test.ts, beside the comparison with nomad fmt itself.
describe("format", () => {
  it.each([
    ["spaces around = and after commas", "a=[1,2 ,3]\n", "a = [1, 2, 3]\n"],
    [
      "aligns = over consecutive attributes",
      "a = 1\nlong_name = 2\n\nb = 3\n",
      "a         = 1\nlong_name = 2\n\nb = 3\n",
    ],
    [
      "indents nested blocks",
      'job "x" {\ngroup "g" {\ncount = 1\n}\n}\n',
      'job "x" {\n  group "g" {\n    count = 1\n  }\n}\n',
    ],
    ["aligns trailing comments", "a = 1 # one\nbb = 22 # two\n", "a  = 1  # one\nbb = 22 # two\n"],
    ["keeps string content and interpolation text", 'a = "x  ${ y }  z"\n', 'a = "x  ${y}  z"\n'],
    ["leaves heredoc bodies alone", "a = <<EOT\n   keep   this\nEOT\n", "a = <<EOT\n   keep   this\nEOT\n"],
    [
      "negation vs subtraction",
      "a = - 1\nb = c -1\nd = [ -1, f(-x) ]\n",
      "a = -1\nb = c - 1\nd = [-1, f(-x)]\n",
    ],
    ["no space before a call or index", "a = f (x) [0]\n", "a = f(x)[0]\n"],
    ["braces get inner spaces, empty ones none", "a = {b=1}\nc = { }\n", "a = { b = 1 }\nc = {}\n"],
    [
      "multi-line values are not aligned with the next lines",
      "a = {\nb = 1\n}\nlong = 2\n",
      "a = {\n  b = 1\n}\nlong = 2\n",
    ],
    ["for expressions", "a = [for x in [1]: x*2]\n", "a = [for x in [1] : x * 2]\n"],
  ])("%s", (_name, input, expected) => {
    expect(format(input)).toBe(expected);
  });

  it("returns input with syntax errors unchanged", () => {
    expect(format("a   = {\n")).toBe("a   = {\n");
  });
});
