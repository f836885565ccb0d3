import type { Construct } from "../constructs/construct.js";
import { environmentOf } from "../constructs/construct.js";
import type { CsiVolume } from "../constructs/csi-volume.js";
import type { Group } from "../constructs/group.js";
import type { HostVolume } from "../constructs/host-volume.js";
import type { Job } from "../constructs/job.js";
import type { Volume } from "../constructs/volume.js";
import { parseSize } from "../schema/size.js";
import type { Problems } from "./problems.js";

// Declared volumes, and the group requests that use them checked against them: modes,
// per_alloc copies, pool, namespace. The rules on a request alone (Nomad's
// VolumeRequest.Validate) are the rule engine's (rules/volumes.ts).

/** Checks one declared CSI or host volume on its own. */
export function validateDeclaredVolume(volume: CsiVolume | HostVolume, problems: Problems): void {
  const p = volume.props;
  if (p.capabilities.length === 0) {
    problems.add(
      volume.path,
      'capabilities: list at least one { accessMode, attachmentMode } pair, e.g. "single-node-writer" + "file-system"',
    );
  }
  const min = p.capacityMin === undefined ? undefined : parseSize(p.capacityMin);
  const max = p.capacityMax === undefined ? undefined : parseSize(p.capacityMax);
  if (min?.ok && max?.ok && min.bytes > max.bytes) {
    problems.add(volume.path, "capacity_min is larger than capacity_max: swap them or raise capacity_max");
  }
  const copies = p.perAlloc?.copies;
  if (copies !== undefined && (!Number.isInteger(copies) || copies < 1)) {
    problems.add(volume.path, `perAlloc › copies is ${copies}: it must be a whole number of at least 1`);
  }
  if (volume.kind === "csiVolume") {
    const csi = (volume as CsiVolume).props;
    if (csi.snapshotId !== undefined && csi.cloneId !== undefined) {
      problems.add(
        volume.path,
        "snapshotId and cloneId are both set: a volume is restored from one source, keep one",
      );
    }
    if (csi.externalId !== undefined) {
      const createOnly = (["snapshotId", "cloneId", "capacityMin", "capacityMax"] as const).filter(
        (k) => csi[k] !== undefined,
      );
      if (createOnly.length > 0) {
        problems.add(
          volume.path,
          `externalId registers a volume that exists already, so ${createOnly.join(", ")} would be ignored: remove them, or remove externalId to create the volume`,
        );
      }
    }
    for (const c of csi.capabilities) {
      if (c.attachmentMode === "block-device" && csi.mountOptions) {
        problems.add(
          volume.path,
          "mountOptions: a volume attached as block-device has no file system to mount",
        );
      }
    }
  }
}

/**
 * Checks a group's volume request against the volume the app declares for it; the rules on
 * the request alone (type, source, per_alloc, access modes) are rules (rules/volumes.ts).
 */
export function validateDeclaredVolumeRequest(
  job: Job,
  group: Group,
  request: Volume,
  problems: Problems,
): void {
  const where = request.path;
  const p = request.props;
  const count = group.props.count ?? 1;
  const mode = p.accessMode;
  const declared = request.declared;
  if (!declared) return;
  const declaredKind = declaredType(declared);
  if (p.type !== undefined && p.type !== declaredKind) {
    problems.add(where, `type is "${p.type}" but ${declared.path} is a ${declaredKind} volume: remove type`);
  }
  const from = (job.environment?.name as string | undefined) ?? undefined;
  const to = environmentOf(declared)?.name;
  if (from !== to) {
    problems.add(
      where,
      `uses ${declared.path}, which crosses environments (${quoted(from)} → ${quoted(to)}): a job may only use volumes of its own environment`,
    );
  }
  const namespace = job.props.namespace ?? job.environment?.namespace ?? "default";
  if (namespace !== declared.namespace) {
    problems.add(
      where,
      `the job runs in namespace "${namespace}" but ${declared.path} is in "${declared.namespace}": volumes are claimed within their namespace`,
    );
  }
  const capabilities = declared.props.capabilities as ReadonlyArray<{
    accessMode: string;
    attachmentMode: string;
  }>;
  const matches = capabilities.some(
    (c) =>
      (mode === undefined || c.accessMode === mode) &&
      (p.attachmentMode === undefined || c.attachmentMode === p.attachmentMode),
  );
  if ((mode !== undefined || p.attachmentMode !== undefined) && !matches) {
    const offered = capabilities.map((c) => `${c.accessMode}/${c.attachmentMode}`).join(", ");
    problems.add(
      where,
      `asks for ${mode ?? "any access"}/${p.attachmentMode ?? "any attachment"} but ${declared.path} supports only ${offered || "nothing"}: use one of its capabilities or add the mode to the volume`,
    );
  }
  const copies = declared.props.perAlloc?.copies;
  if (p.perAlloc && copies === undefined) {
    problems.add(
      where,
      `perAlloc makes Nomad look for "${declared.id}[0]", "${declared.id}[1]"… but ${declared.path} declares one volume: give it perAlloc: { copies: ${Math.max(count, 1)} }, or remove perAlloc here`,
    );
  }
  if (!p.perAlloc && copies !== undefined) {
    problems.add(
      where,
      `${declared.path} declares one volume per allocation ("${declared.id}[0]"…), so the request must set perAlloc: true`,
    );
  }
  if (p.perAlloc && copies !== undefined && copies < count) {
    problems.add(
      where,
      `the group has ${count} allocations but ${declared.path} declares ${copies} per-allocation copies: raise copies to ${count}`,
    );
  }
  if (declared.kind === "hostVolume") {
    const pool = (declared as HostVolume).nodePool?.name;
    const jobPool = job.nodePool?.name ?? "default";
    if (pool !== undefined && pool !== jobPool) {
      problems.add(
        where,
        `${declared.path} lives on node pool "${pool}" but the job runs in "${jobPool}": run the job in "${pool}"`,
      );
    }
  }
}

function declaredType(declared: Construct | undefined): "csi" | "host" | undefined {
  if (!declared) return undefined;
  return declared.kind === "csiVolume" ? "csi" : "host";
}

function quoted(name: string | undefined): string {
  return name === undefined ? "none" : `"${name}"`;
}
