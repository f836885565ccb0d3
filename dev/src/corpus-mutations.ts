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

/**
 * Realistic misspellings of a name, one edit each: a letter typed twice (`data_dirr`), a
 * letter left out (`polcy`), two neighbours swapped (`plguin_id`). Deterministic, so a
 * corpus run always plants the same typos.
 */
export function misspellings(name: string): string[] {
  const out = new Set<string>();
  const letters = [...name].map((c, i) => (/[a-z]/.test(c) ? i : -1)).filter((i) => i >= 0);
  const last = letters[letters.length - 1];
  if (last !== undefined) out.add(name.slice(0, last + 1) + name[last] + name.slice(last + 1));
  // Leave out a letter from the middle: the start of a word is rarely what slips.
  const inner = letters.filter((i) => i > 0 && i < name.length - 1);
  const drop = inner[Math.floor(inner.length / 2)];
  if (drop !== undefined) out.add(name.slice(0, drop) + name.slice(drop + 1));
  const swap = inner.find((i) => /[a-z]/.test(name[i + 1] ?? "") && name[i] !== name[i + 1]);
  if (swap !== undefined) out.add(name.slice(0, swap) + name[swap + 1] + name[swap] + name.slice(swap + 2));
  out.delete(name);
  return [...out];
}
