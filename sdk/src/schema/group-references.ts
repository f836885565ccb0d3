// Attributes whose value names something the enclosing group declares: a port label, a
// volume, a task. Nomad resolves these by name within the group at submit time; the
// struct fields are plain strings, so the generated schema cannot say it. One table for
// the editor's references, rename and completion.

export type GroupReferenceKind = "port" | "volume" | "task";

/** Struct type (or driver config type) → HCL attribute → what it names. */
const GROUP_REFERENCES: Readonly<Record<string, Readonly<Record<string, GroupReferenceKind>>>> = {
  Service: { port: "port", task: "task" },
  ServiceCheck: { port: "port", task: "task" },
  ConsulExposePath: { listener_port: "port" },
  VolumeMount: { volume: "volume" },
  docker: { ports: "port" },
};

/** What the attribute `hclName` of `typeName` names in its group, if anything. */
export function groupReferenceOf(typeName: string, hclName: string): GroupReferenceKind | undefined {
  return GROUP_REFERENCES[typeName]?.[hclName];
}

/** The attributes of `typeName` that name something in the group. */
export function groupReferencesOf(
  typeName: string,
): Readonly<Record<string, GroupReferenceKind>> | undefined {
  return GROUP_REFERENCES[typeName];
}
