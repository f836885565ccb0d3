/** A size written the way `nomad volume create` reads it: "10GiB", "500MB", "1 TiB", or bytes. */
export type SizeLike = number | `${number}${SizeUnit}` | `${number} ${SizeUnit}`;

export type SizeUnit = "B" | "kB" | "KB" | "KiB" | "MB" | "MiB" | "GB" | "GiB" | "TB" | "TiB";

const FACTORS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  kib: 2 ** 10,
  mb: 1e6,
  mib: 2 ** 20,
  gb: 1e9,
  gib: 2 ** 30,
  tb: 1e12,
  tib: 2 ** 40,
  // humanize also reads the unit without its "B" ("20G", "512Mi"), as volume specs use it.
  k: 1e3,
  ki: 2 ** 10,
  m: 1e6,
  mi: 2 ** 20,
  g: 1e9,
  gi: 2 ** 30,
  t: 1e12,
  ti: 2 ** 40,
};

export type SizeResult = { ok: true; bytes: number } | { ok: false; message: string };

/** Bytes for a size; decimal units are powers of 1000, binary (KiB, GiB) of 1024, as humanize reads them. */
export function parseSize(value: SizeLike): SizeResult {
  if (typeof value === "number") {
    return Number.isSafeInteger(value) && value >= 0
      ? { ok: true, bytes: value }
      : { ok: false, message: `${value} is not a size: give whole bytes or a string such as "10GiB"` };
  }
  const match = /^(\d+(?:\.\d+)?)\s*([A-Za-z]*)$/.exec(value.trim());
  const factor = match ? FACTORS[(match[2] || "b").toLowerCase()] : undefined;
  if (!match || factor === undefined) {
    return {
      ok: false,
      message: `"${value}" is not a size: write a number and a unit, such as "10GiB" or "500MB"`,
    };
  }
  return { ok: true, bytes: Math.round(Number(match[1]) * factor) };
}

/** A size as the shortest exact string humanize parses back to the same bytes ("10GiB"), else bytes. */
export function formatSize(bytes: number): string {
  for (const unit of ["TiB", "GiB", "MiB", "KiB", "TB", "GB", "MB", "kB"]) {
    const factor = FACTORS[unit.toLowerCase()] as number;
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return String(bytes);
}
