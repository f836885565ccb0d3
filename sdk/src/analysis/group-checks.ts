// Names a group must declare before its parts use them: port labels (services, checks,
// docker `ports`), volumes (`volume_mount`) and tasks (a service's or check's `task`).
// Nomad rejects these only at submit time; we say so while the file is being written.
import type { ConfigFile } from "../hcl/ast.js";
import { plainString, type WalkStart, walkBlocks } from "./binding.js";
import type { Findings } from "./diagnostic.js";
import type { SymbolOccurrence } from "./references.js";

const WHERE: Record<string, string> = {
  port: 'a port "…" block in the group\'s network block',
  volume: 'a volume "…" block in the group',
  task: 'a task "…" block in the group',
};

export function checkGroupReferences(symbols: readonly SymbolOccurrence[], findings: Findings): void {
  const declared = new Map<string, string[]>();
  for (const s of symbols)
    if (s.declaration)
      declared.set(`${s.kind}:${s.scope}`, [...(declared.get(`${s.kind}:${s.scope}`) ?? []), s.name]);
  for (const s of symbols) {
    if (s.declaration || !(s.kind in WHERE) || s.scope === "job") continue;
    // In driver address mode a port may name a driver-side port map entry; not ours to know.
    if (s.kind === "port" && s.owner && addressMode(s.owner) === "driver") continue;
    const names = declared.get(`${s.kind}:${s.scope}`) ?? [];
    if (names.includes(s.name)) continue;
    findings.error(
      `undeclared-${s.kind}`,
      `No ${s.kind} named "${s.name}" is declared in this group: add ${WHERE[s.kind]}.`,
      s.range,
      names,
    );
  }
}

function addressMode(body: import("../hcl/ast.js").Body): string | undefined {
  for (const item of body.items)
    if (item.type === "Attribute" && item.name === "address_mode") return plainString(item.value);
  return undefined;
}

/** Only one task of a group may be its leader. */
export function checkLeaders(file: ConfigFile, findings: Findings, start?: WalkStart): void {
  walkBlocks(
    file,
    ({ block, schema }) => {
      if (schema.kind !== "struct" || schema.typeName !== "TaskGroup") return;
      let leaders = 0;
      for (const task of block.body.items) {
        if (task.type !== "Block" || task.blockType !== "task") continue;
        for (const attr of task.body.items) {
          if (attr.type !== "Attribute" || attr.name !== "leader") continue;
          if (attr.value.type !== "Literal" || attr.value.value !== true) continue;
          leaders++;
          if (leaders > 1)
            findings.error(
              "multiple-leaders",
              "Only one task in a group may set leader = true.",
              attr.nameRange,
            );
        }
      }
    },
    undefined,
    start,
  );
}
