// Typed builders for the go-discover strings agents join by. The keys are checked against
// the schema's `discover` providers when the string is written (formatDiscover), so a key
// the pinned go-discover lacks fails here, not silently on the machine.
import type { DiscoverConfig } from "nomadkit/schema";

export interface AwsAutoJoin {
  readonly tagKey: string;
  readonly tagValue: string;
  readonly region?: string;
  /** Which address of the found instances to join (default private_v4). */
  readonly addrType?: "private_v4" | "public_v4" | "public_v6";
  /** An EC2 API other than AWS's own (a VPC endpoint, LocalStack, moto). */
  readonly endpoint?: string;
}

export function awsAutoJoin(o: AwsAutoJoin): DiscoverConfig {
  return {
    provider: "aws",
    args: compact({
      tag_key: o.tagKey,
      tag_value: o.tagValue,
      region: o.region,
      addr_type: o.addrType,
      endpoint: o.endpoint,
    }),
  };
}

export interface GceAutoJoin {
  readonly projectName?: string;
  /** A regular expression over zone names (us-west1-.*). */
  readonly zonePattern?: string;
  /** The network tag the servers carry. */
  readonly tagValue: string;
}

/**
 * GCE auto-join by network tag. go-discover at the version Nomad pins reads no label keys
 * (the schema's `discover.providers.gce` has none), so there is no label option here.
 */
export function gceAutoJoin(o: GceAutoJoin): DiscoverConfig {
  return {
    provider: "gce",
    args: compact({ project_name: o.projectName, zone_pattern: o.zonePattern, tag_value: o.tagValue }),
  };
}

function compact(args: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(args).filter((e): e is [string, string] => e[1] !== undefined));
}
