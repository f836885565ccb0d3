// The labels and network tag that make a cluster's resources findable with no state file:
// ownership labels on every instance (through the templates), the auto-join network tag on
// servers only. Templates are immutable, so their name carries a hash of their content.
export const OWNER_LABEL = "nomadkit-cluster";
export const GROUP_LABEL = "nomadkit-group";

export function ownerLabels(cluster: string, group: string): Record<string, string> {
  return { [OWNER_LABEL]: cluster, [GROUP_LABEL]: group };
}

/** The network tag the servers carry and auto-join looks for. */
export function joinTag(cluster: string): string {
  return `nomadkit-${cluster}-server`;
}
