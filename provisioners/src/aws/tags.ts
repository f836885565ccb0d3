// The tags that make a cluster's resources findable with no state file: ownership on
// everything, the group on everything, the auto-join tag on servers only, and a hash of the
// spec on launch templates and groups so a no-change plan needs no per-version reads.
import type { Tag } from "@aws-sdk/client-ec2";

export const OWNER_TAG = "nomadkit:cluster";
export const GROUP_TAG = "nomadkit:group";
export const JOIN_TAG = "nomadkit:join";
export const SPEC_TAG = "nomadkit:spec";

export function ownerTags(cluster: string, group: string): Tag[] {
  return [
    { Key: OWNER_TAG, Value: cluster },
    { Key: GROUP_TAG, Value: group },
  ];
}

export function tagValue(tags: readonly { Key?: string; Value?: string }[] | undefined, key: string) {
  return tags?.find((t) => t.Key === key)?.Value;
}
