// go-discover's configuration string ("provider=aws tag_key=nomad tag_value=\"a b\"") read and
// written the way go-discover does: space-separated key=value pairs, where a value holding
// spaces, quotes, backslashes or an equals sign is double-quoted with Go escapes. Keys come
// from the schema (`discover`), so a key go-discover doesn't know is an error here, not an
// agent that silently never joins.
import { discoverKeys, discoverProviders, discoverSource } from "./discover.js";

/** A parsed auto-join string: the provider and its other keys in the order written. */
export interface DiscoverConfig {
  readonly provider: string;
  readonly args: Readonly<Record<string, string>>;
}

/** What is wrong with a string, and where (offsets into the string, end exclusive). */
export interface DiscoverProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
  /** The misspelt word and what it could have been, for a "did you mean" hint. */
  readonly suggest?: { readonly word: string; readonly choices: readonly string[] };
}

export type DiscoverParse =
  | { readonly ok: true; readonly config: DiscoverConfig }
  | { readonly ok: false; readonly problems: readonly DiscoverProblem[] };

interface Pair {
  key: string;
  value: string;
  start: number;
  end: number;
}

/** Reads a go-discover string; every problem is reported, not only the first. */
export function parseDiscover(text: string): DiscoverParse {
  const problems: DiscoverProblem[] = [];
  const pairs = splitPairs(text, problems);
  if (problems.length > 0) return { ok: false, problems };
  const seen = new Set<string>();
  for (const p of pairs) {
    if (seen.has(p.key)) problems.push({ message: `"${p.key}" is given twice.`, start: p.start, end: p.end });
    seen.add(p.key);
  }
  const providerPair = pairs.find((p) => p.key === "provider");
  if (!providerPair) {
    problems.push({
      message: 'No "provider=" key: go-discover strings are "provider=aws key=value …".',
      start: 0,
      end: text.length,
    });
    return { ok: false, problems };
  }
  const keys = discoverKeys(providerPair.value);
  if (!keys) {
    problems.push({
      message: `Unknown cloud auto-join provider "${providerPair.value}".`,
      start: providerPair.start,
      end: providerPair.end,
      suggest: { word: providerPair.value, choices: discoverProviders() },
    });
    return { ok: false, problems };
  }
  const args: Record<string, string> = {};
  for (const p of pairs) {
    if (p.key === "provider") continue;
    if (!keys.includes(p.key)) {
      problems.push({
        message: unknownKey(providerPair.value, p.key, keys),
        start: p.start,
        end: p.end,
        suggest: { word: p.key, choices: keys },
      });
      continue;
    }
    args[p.key] = p.value;
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config: { provider: providerPair.value, args } };
}

// Names the pinned go-discover: a key from a newer release (gce's label_key, say) is
// otherwise a puzzle, since the upstream docs show it.
function unknownKey(provider: string, key: string, keys: readonly string[]): string {
  const { module, nomadVersion } = discoverSource(provider);
  return (
    `provider=${provider} takes no "${key}" key: the go-discover Nomad ${nomadVersion} pins (${module}) ` +
    `reads only ${keys.join(", ")}.`
  );
}

/**
 * Writes a go-discover string: provider first, then the keys in the order given. Throws on a
 * key the provider doesn't take — a bug in the caller, since builders are typed.
 */
export function formatDiscover(config: DiscoverConfig): string {
  const keys = discoverKeys(config.provider);
  if (!keys) throw new RangeError(`unknown auto-join provider "${config.provider}"`);
  const parts = [`provider=${quoteValue(config.provider)}`];
  for (const [key, value] of Object.entries(config.args)) {
    if (!keys.includes(key)) throw new RangeError(`provider=${config.provider} takes no "${key}" key`);
    parts.push(`${key}=${quoteValue(value)}`);
  }
  return parts.join(" ");
}

/** A value as go-discover reads it back: bare when it can be, else a Go-quoted string. */
export function quoteValue(value: string): string {
  if (value !== "" && !/[\s"\\=]/.test(value)) return value;
  return `"${value
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n")
    .replace(/\t/g, "\\t")}"`;
}

function splitPairs(text: string, problems: DiscoverProblem[]): Pair[] {
  const pairs: Pair[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/.test(text[i] as string)) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && text[i] !== "=" && !/\s/.test(text[i] as string)) i++;
    const key = text.slice(start, i);
    if (text[i] !== "=" || key === "") {
      while (i < n && !/\s/.test(text[i] as string)) i++;
      problems.push({
        message: `"${text.slice(start, i)}" is not key=value: go-discover strings are "provider=aws key=value …".`,
        start,
        end: i,
      });
      continue;
    }
    i++; // "="
    let value = "";
    if (text[i] === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i] as string;
        if (c === "\\" && i + 1 < n) {
          const next = text[i + 1] as string;
          value += next === "n" ? "\n" : next === "t" ? "\t" : next;
          i += 2;
          continue;
        }
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        value += c;
        i++;
      }
      if (!closed) {
        problems.push({ message: `The quoted value of "${key}" is not closed.`, start, end: n });
        break;
      }
      if (i < n && !/\s/.test(text[i] as string)) {
        const bad = i;
        while (i < n && !/\s/.test(text[i] as string)) i++;
        problems.push({
          message: `Text follows the quoted value of "${key}": put a space before the next key.`,
          start: bad,
          end: i,
        });
        continue;
      }
    } else {
      while (i < n && !/\s/.test(text[i] as string)) i++;
      value = text.slice(start + key.length + 1, i);
    }
    pairs.push({ key, value, start, end: i });
  }
  return pairs;
}
