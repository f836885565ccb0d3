// Group volume requests and the task mounts that use them: what Nomad's
// VolumeRequest.Validate refuses, and mounts of a volume the group doesn't request.

import { didYouMean } from "../jobspec/diagnostics.js";
import { jobTypeFacts } from "../schema/semantics.js";
import { count, effectiveUpdate, groupsOf, jobType, list, num, obj, str, tasksOf } from "./model.js";
import type { Rule } from "./rule.js";

export const undeclaredVolume: Rule = {
  id: "undeclared-volume",
  severity: "error",
  summary: "a volume_mount names a volume the group doesn't request",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      const names = Object.keys(obj(g.group.Volumes) ?? {});
      for (const t of tasksOf(g))
        list(t.task.VolumeMounts).forEach((m, i) => {
          const name = str(m.Volume);
          if (!name || name.includes("${") || names.includes(name)) return;
          ctx.report(
            [...t.path, "VolumeMounts", i, "Volume"],
            `volume "${name}" is not declared in group "${g.name}".${didYouMean(name, names)}`,
            {
              hint: `Add a volume "${name}" block to the group.`,
              suggestions: names,
            },
          );
        });
    }
  },
};

const READ_ONLY_MODES = ["single-node-reader-only", "multi-node-reader-only"];
/** Host volume access modes; anything else is a CSI-only mode. */
const HOST_MODES = [
  "",
  "single-node-reader-only",
  "single-node-writer",
  "single-node-single-writer",
  "single-node-multi-writer",
];

export const volumeRequest: Rule = {
  id: "volume-request",
  severity: "error",
  summary: "a group volume request Nomad refuses (type, source, per_alloc, access and attachment modes)",
  check(job, ctx) {
    const type = jobType(job);
    for (const g of groupsOf(job)) {
      const n = count(g);
      const canaries = num(effectiveUpdate(job, g).get("Canary")) ?? 0;
      for (const [name, value] of Object.entries(obj(g.group.Volumes) ?? {})) {
        const v = obj(value) ?? {};
        const at = [...g.path, "Volumes", name];
        const say = (field: string | undefined, message: string, hint: string) =>
          ctx.report(field ? [...at, field] : at, `volume "${name}": ${message}.`, { hint });
        const kind = str(v.Type) ?? "";
        if (kind !== "host" && kind !== "csi") {
          say(
            "Type",
            kind === "" ? "the type is missing" : `"${kind}" is not a volume type`,
            'Set type to "host" or "csi".',
          );
          continue;
        }
        if (!str(v.Source)) say("Source", "the source is empty", "Name the volume to claim in source.");
        if (v.PerAlloc === true) {
          if (jobTypeFacts(type)?.perNode)
            say("PerAlloc", `a ${type} job can't use per_alloc volumes`, "Remove per_alloc.");
          if (canaries > 0)
            say(
              "PerAlloc",
              "per_alloc can't be used with canaries (they would claim the same volumes)",
              "Remove per_alloc or the canaries.",
            );
          if (v.Sticky === true)
            say("PerAlloc", "per_alloc and sticky can't both be set", "Keep one of them.");
        }
        const mode = str(v.AccessMode) ?? "";
        const attachment = str(v.AttachmentMode) ?? "";
        const readOnly = v.ReadOnly === true;
        if (READ_ONLY_MODES.includes(mode) && !readOnly)
          say(
            "ReadOnly",
            `access mode "${mode}" needs read_only = true`,
            "Set read_only = true, or use a writer mode.",
          );
        const mountOptions = obj(v.MountOptions) !== undefined;
        if (kind === "host") {
          if (mountOptions)
            say("MountOptions", "host volumes take no mount_options", "Remove mount_options.");
          if (!HOST_MODES.includes(mode))
            say(
              "AccessMode",
              `a host volume can't be mounted with access mode "${mode}"`,
              "Use a single-node access mode.",
            );
          continue;
        }
        if (attachment === "")
          say(
            undefined,
            "a CSI volume request needs an attachment_mode",
            'Set attachment_mode, such as "file-system".',
          );
        if (attachment === "block-device" && mountOptions)
          say(
            "MountOptions",
            "a block device has no file system to mount with options",
            "Remove mount_options.",
          );
        if (mode === "")
          say(
            undefined,
            "a CSI volume request needs an access_mode",
            'Set access_mode, such as "single-node-writer".',
          );
        const single = mode === "single-node-reader-only" || mode === "single-node-writer";
        const oneWriter = mode === "multi-node-single-writer" && !readOnly;
        if ((single || oneWriter) && n > 1 && v.PerAlloc !== true)
          say(
            "AccessMode",
            `access mode "${mode}" allows one ${single ? "claim" : "writer"} but group "${g.name}" has count ${n}`,
            "Set per_alloc = true (one volume per allocation), or use a multi-node access mode.",
          );
      }
    }
  },
};
