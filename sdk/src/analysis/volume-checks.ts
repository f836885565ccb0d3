// What Nomad's volume validation refuses that the schema can't say: a CSI volume with no
// capability block (structs.CSIVolume.Validate: "must include at least one capability
// block") and a host volume whose id is not a UUID (structs.HostVolume.Validate: "invalid
// ID"). Both were found by asking a real agent about Nomad's own volume specs
// (test/kinds-corpus.test.ts).
import type { ConfigFile } from "../hcl/ast.js";
import { plainString } from "./binding.js";
import type { Findings } from "./diagnostic.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkVolumeSpec(file: ConfigFile, schemaKey: string, findings: Findings): void {
  const items = file.body.items;
  if (schemaKey === "csiVolume") {
    const hasCapability = items.some(
      (i) =>
        (i.type === "Block" && i.blockType === "capability") ||
        (i.type === "Attribute" && i.name === "capability"),
    );
    if (hasCapability) return;
    const first = items.find((i) => i.type === "Attribute" || i.type === "Block");
    const old = items.find(
      (i) => i.type === "Attribute" && (i.name === "access_mode" || i.name === "attachment_mode"),
    );
    findings.error(
      "missing-capability",
      "A CSI volume needs at least one capability block: capability { access_mode = …, attachment_mode = … }." +
        (old ? " access_mode and attachment_mode outside a capability block are not read as one." : ""),
      old?.range ?? first?.range,
    );
  }
  if (schemaKey === "hostVolume") {
    const id = items.find((i) => i.type === "Attribute" && i.name === "id");
    if (id?.type !== "Attribute") return;
    const value = plainString(id.value);
    if (value !== undefined && !UUID.test(value))
      findings.error(
        "bad-volume-id",
        `A host volume's id is the UUID Nomad gave it, not "${value}": leave id out to create a new volume, or use the id \`nomad volume status\` shows to update one.`,
        id.value.range,
      );
  }
}
