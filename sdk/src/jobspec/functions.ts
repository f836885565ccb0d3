// The side-effect-free functions of jobspec2's table (jobspec2/functions.go), on our
// values. Filesystem functions and the non-deterministic ones (uuidv4, bcrypt, timestamps)
// can't give the value `nomad job run` would, so they are reported as unsupported here.
import { createHash } from "node:crypto";
import {
  asNumber,
  asString,
  isObject,
  numberText,
  typeName,
  UNKNOWN,
  type Value,
  valuesEqual,
} from "./value.js";

export class FunctionError extends Error {
  constructor(
    message: string,
    readonly argument?: number,
    readonly unknownFunction = false,
  ) {
    super(message);
  }
}

export class UnsupportedFunction extends Error {}

type Fn = (args: Value[]) => Value;

function str(args: Value[], i: number): string {
  const text = asString(args[i] ?? null);
  if (text === undefined)
    throw new FunctionError(`argument ${i + 1} must be a string, not ${typeName(args[i] ?? null)}`, i);
  return text;
}
function num(args: Value[], i: number): number {
  const n = asNumber(args[i] ?? null);
  if (n === undefined)
    throw new FunctionError(`argument ${i + 1} must be a number, not ${typeName(args[i] ?? null)}`, i);
  return n;
}
function list(args: Value[], i: number): Value[] {
  const v = args[i];
  if (!Array.isArray(v))
    throw new FunctionError(`argument ${i + 1} must be a list, not ${typeName(v ?? null)}`, i);
  return v;
}
function map(args: Value[], i: number): Record<string, Value> {
  const v = args[i] ?? null;
  if (!isObject(v)) throw new FunctionError(`argument ${i + 1} must be a map, not ${typeName(v)}`, i);
  return v;
}
const sortedKeys = (m: Record<string, Value>) => Object.keys(m).sort();

/** Go's fmt verbs as cty's format() supports the common ones. */
function format(spec: string, args: Value[]): string {
  let next = 0;
  return spec.replace(
    /%(-?\d*)(?:\.(\d+))?([%sdvqftbxXo])/g,
    (_m, width: string, precision: string | undefined, verb: string) => {
      if (verb === "%") return "%";
      const arg = args[next++] ?? null;
      let text: string;
      if (verb === "d") text = numberText(Math.trunc(num([arg], 0)));
      else if (verb === "f") text = num([arg], 0).toFixed(precision === undefined ? 6 : Number(precision));
      else if (verb === "q") text = JSON.stringify(str([arg], 0));
      else if (verb === "t") text = String(arg);
      else if (verb === "x" || verb === "X") text = Math.trunc(num([arg], 0)).toString(16);
      else if (verb === "b") text = Math.trunc(num([arg], 0)).toString(2);
      else if (verb === "o") text = Math.trunc(num([arg], 0)).toString(8);
      else text = asString(arg) ?? JSON.stringify(arg);
      if (verb === "X") text = text.toUpperCase();
      const w = Number(width || 0);
      return Math.abs(w) > text.length ? (w < 0 ? text.padEnd(-w) : text.padStart(w)) : text;
    },
  );
}

function flatten(values: Value[]): Value[] {
  return values.flatMap((v) => (Array.isArray(v) ? flatten(v) : [v]));
}

function hash(algorithm: string): Fn {
  return (a) => createHash(algorithm).update(str(a, 0)).digest("hex");
}

const UUID_NAMESPACES: Record<string, string> = {
  dns: "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
  url: "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
  oid: "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
  x500: "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
};

/** RFC 4122 name-based UUID (SHA-1), as go-cty-funcs' uuidv5. */
function uuidv5(namespace: string, name: string): string {
  const ns = UUID_NAMESPACES[namespace] ?? namespace;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ns)) {
    throw new FunctionError(`"${namespace}" is not a UUID namespace (dns, url, oid, x500 or a UUID)`, 0);
  }
  const bytes = createHash("sha1")
    .update(Buffer.from(ns.replace(/-/g, ""), "hex"))
    .update(name)
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function unsupported(why: string): Fn {
  return () => {
    throw new UnsupportedFunction(why);
  };
}

const FS = unsupported("needs the file system, which is not read here");
const RANDOM = unsupported("gives a different value on every run, so it is not evaluated here");

const FUNCTIONS: Record<string, Fn> = {
  abs: (a) => Math.abs(num(a, 0)),
  ceil: (a) => Math.ceil(num(a, 0)),
  floor: (a) => Math.floor(num(a, 0)),
  log: (a) => Math.log(num(a, 0)) / Math.log(num(a, 1)),
  pow: (a) => num(a, 0) ** num(a, 1),
  signum: (a) => Math.sign(num(a, 0)),
  max: (a) => Math.max(...a.map((_, i) => num(a, i))),
  min: (a) => Math.min(...a.map((_, i) => num(a, i))),
  parseint: (a) => {
    const n = Number.parseInt(str(a, 0), num(a, 1));
    if (Number.isNaN(n)) throw new FunctionError(`cannot parse "${str(a, 0)}" as an integer`, 0);
    return n;
  },
  chomp: (a) => str(a, 0).replace(/(\r\n|\n|\r)+$/, ""),
  format: (a) => format(str(a, 0), a.slice(1)),
  formatlist: (a) => {
    const lengths = a
      .slice(1)
      .filter(Array.isArray)
      .map((l) => l.length);
    const n = lengths.length > 0 ? Math.min(...lengths) : 1;
    return Array.from({ length: n }, (_, i) =>
      format(
        str(a, 0),
        a.slice(1).map((v) => (Array.isArray(v) ? (v[i] as Value) : v)),
      ),
    );
  },
  indent: (a) => str(a, 1).replace(/\n/g, `\n${" ".repeat(num(a, 0))}`),
  join: (a) =>
    a
      .slice(1)
      .flatMap((_, i) => list(a, i + 1).map((_v, j) => str(list(a, i + 1), j)))
      .join(str(a, 0)),
  lower: (a) => str(a, 0).toLowerCase(),
  upper: (a) => str(a, 0).toUpperCase(),
  title: (a) => str(a, 0).replace(/\b\w/g, (c) => c.toUpperCase()),
  replace: (a) => {
    const [s, find, by] = [str(a, 0), str(a, 1), str(a, 2)];
    if (find.length > 2 && find.startsWith("/") && find.endsWith("/"))
      return s.replace(new RegExp(find.slice(1, -1), "g"), by.replace(/\$\{?(\d+)\}?/g, "$$$1"));
    return s.split(find).join(by);
  },
  regex_replace: (a) =>
    str(a, 0).replace(new RegExp(str(a, 1), "g"), str(a, 2).replace(/\$\{?(\d+)\}?/g, "$$$1")),
  split: (a) => str(a, 1).split(str(a, 0)),
  strlen: (a) => [...str(a, 0)].length,
  strrev: (a) => [...str(a, 0)].reverse().join(""),
  substr: (a) => {
    const chars = [...str(a, 0)];
    let offset = num(a, 1);
    if (offset < 0) offset += chars.length;
    const length = num(a, 2);
    return chars.slice(offset, length < 0 ? undefined : offset + length).join("");
  },
  trim: (a) => {
    const cut = [...str(a, 1)];
    let s = str(a, 0);
    while (s && cut.includes(s[0] as string)) s = s.slice(1);
    while (s && cut.includes(s[s.length - 1] as string)) s = s.slice(0, -1);
    return s;
  },
  trimprefix: (a) => (str(a, 0).startsWith(str(a, 1)) ? str(a, 0).slice(str(a, 1).length) : str(a, 0)),
  trimsuffix: (a) =>
    str(a, 1) && str(a, 0).endsWith(str(a, 1)) ? str(a, 0).slice(0, -str(a, 1).length) : str(a, 0),
  trimspace: (a) => str(a, 0).trim(),
  urlencode: (a) => encodeURIComponent(str(a, 0)),
  base64encode: (a) => Buffer.from(str(a, 0), "utf8").toString("base64"),
  base64decode: (a) => Buffer.from(str(a, 0), "base64").toString("utf8"),
  md5: hash("md5"),
  sha1: hash("sha1"),
  sha256: hash("sha256"),
  sha512: hash("sha512"),
  jsonencode: (a) => JSON.stringify(a[0] ?? null),
  jsondecode: (a) => {
    try {
      return JSON.parse(str(a, 0)) as Value;
    } catch (err) {
      throw new FunctionError(`not valid JSON: ${(err as Error).message}`, 0);
    }
  },
  coalesce: (a) => {
    const found = a.find((v) => v !== null && v !== "");
    if (found === undefined) throw new FunctionError("no non-null, non-empty argument");
    return found;
  },
  coalescelist: (a) => a.find((v) => Array.isArray(v) && v.length > 0) ?? [],
  compact: (a) => list(a, 0).filter((v) => v !== null && v !== ""),
  concat: (a) => a.flatMap((_, i) => list(a, i)),
  contains: (a) => list(a, 0).some((v) => valuesEqual(v, a[1] ?? null)),
  distinct: (a) => list(a, 0).filter((v, i, all) => all.findIndex((w) => valuesEqual(v, w)) === i),
  element: (a) => {
    const l = list(a, 0);
    if (l.length === 0) throw new FunctionError("cannot use element() on an empty list", 0);
    return l[((num(a, 1) % l.length) + l.length) % l.length] as Value;
  },
  flatten: (a) => flatten(list(a, 0)),
  index: (a) => {
    const i = list(a, 0).findIndex((v) => valuesEqual(v, a[1] ?? null));
    if (i < 0) throw new FunctionError("the value is not in the list", 1);
    return i;
  },
  keys: (a) => sortedKeys(map(a, 0)),
  values: (a) => sortedKeys(map(a, 0)).map((k) => map(a, 0)[k] as Value),
  length: (a) => {
    // cty's length() counts collections only; strlen() counts characters.
    const v = a[0] ?? null;
    if (Array.isArray(v)) return v.length;
    if (isObject(v)) return Object.keys(v).length;
    throw new FunctionError(
      `length() needs a list, map or tuple, not ${typeName(v)} (use strlen() for text)`,
      0,
    );
  },
  lookup: (a) => {
    const m = map(a, 0);
    const key = str(a, 1);
    if (key in m) return m[key] as Value;
    if (a.length > 2) return a[2] as Value;
    throw new FunctionError(`the map has no key "${key}"`, 1);
  },
  merge: (a) =>
    Object.assign(
      {},
      ...a
        .filter((v) => v !== null)
        .map((_, i) =>
          map(
            a.filter((v) => v !== null),
            i,
          ),
        ),
    ),
  range: (a) => {
    const [start, end, step] =
      a.length === 1 ? [0, num(a, 0), 1] : [num(a, 0), num(a, 1), a.length > 2 ? num(a, 2) : 1];
    const out: number[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i);
    return out;
  },
  reverse: (a) => [...list(a, 0)].reverse(),
  slice: (a) => list(a, 0).slice(num(a, 1), num(a, 2)),
  sort: (a) =>
    list(a, 0)
      .map((_, i) => str(list(a, 0), i))
      .sort(),
  chunklist: (a) => {
    const l = list(a, 0);
    const size = num(a, 1);
    if (size <= 0) return [l];
    return Array.from({ length: Math.ceil(l.length / size) }, (_, i) => l.slice(i * size, (i + 1) * size));
  },
  zipmap: (a) => Object.fromEntries(list(a, 0).map((_k, i) => [str(list(a, 0), i), list(a, 1)[i] ?? null])),
  setunion: (a) => FUNCTIONS.distinct?.([a.flatMap((_, i) => list(a, i))]) ?? [],
  setintersection: (a) =>
    list(a, 0).filter(
      (v, i, all) =>
        all.findIndex((w) => valuesEqual(v, w)) === i &&
        a.every((_, j) => list(a, j).some((w) => valuesEqual(v, w))),
    ),
  abspath: FS,
  basename: FS,
  dirname: FS,
  file: FS,
  filebase64: FS,
  fileexists: FS,
  fileset: FS,
  pathexpand: FS,
  uuidv4: RANDOM,
  bcrypt: RANDOM,
  rsadecrypt: unsupported("needs a private key, which is not read here"),
  timeadd: unsupported("is not evaluated here"),
  formatdate: unsupported("is not evaluated here"),
  uuidv5: (a) => uuidv5(str(a, 0), str(a, 1)),
  csvdecode: unsupported("is not evaluated here"),
  yamldecode: unsupported("is not evaluated here"),
  yamlencode: unsupported("is not evaluated here"),
  cidrhost: unsupported("is not evaluated here"),
  cidrnetmask: unsupported("is not evaluated here"),
  cidrsubnet: unsupported("is not evaluated here"),
  cidrsubnets: unsupported("is not evaluated here"),
  setproduct: unsupported("is not evaluated here"),
  convert: unsupported("is not evaluated here"),
};

export function functionNames(): string[] {
  return [...Object.keys(FUNCTIONS), "can", "try"];
}

/** Calls a function of jobspec2's table; an unknown argument makes an unknown result. */
export function callFunction(name: string, args: Value[]): Value {
  const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!fn) throw new FunctionError(`no function "${name}"`, undefined, true);
  if (args.some((a) => a === UNKNOWN)) return UNKNOWN;
  return fn(args);
}
