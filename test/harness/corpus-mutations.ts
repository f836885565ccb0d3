// Random edits to real Nomad files, for the robustness fuzz test (and the longer bench
// run): cut some characters at a random place and insert a piece of HCL syntax.
import fc from "fast-check";

// Syntax that breaks structure when it lands in the wrong place.
const PIECES = [
  "{",
  "}",
  '"',
  "${",
  "<<EOT\n",
  "\n",
  "=",
  "[",
  "]",
  "#",
  "/*",
  "%{",
  "job",
  'group "g" {',
  "port",
  "~",
];

export interface Mutation {
  /** Index of the file to mutate. */
  file: number;
  /** Where, as a fraction of the file's length. */
  at: number;
  /** How many characters to remove there. */
  cut: number;
  insert: string;
}

export function corpusMutation(files: number): fc.Arbitrary<Mutation> {
  return fc.record({
    file: fc.nat({ max: files - 1 }),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    cut: fc.nat({ max: 40 }),
    insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })),
  });
}

export function applyMutation(text: string, m: Mutation): string {
  const i = Math.floor(m.at * text.length);
  return text.slice(0, i) + m.insert + text.slice(i + m.cut);
}
