// Instance types as shapes for the autoscaler, from DescribeInstanceTypes: one call for every
// type the cluster's pools use, however many instances run.
import { type _InstanceType, DescribeInstanceTypesCommand, type InstanceTypeInfo } from "@aws-sdk/client-ec2";
import type { InstanceShape } from "../cloud/instance-shape.js";
import type { AwsClients } from "./clients.js";
import { inGroup } from "./errors.js";

/** The clock Nomad would see when AWS doesn't say (most current x86 types run near it). */
const DEFAULT_MHZ = 2500;

export async function awsInstanceShapes(
  clients: AwsClients,
  types: readonly string[],
): Promise<Map<string, InstanceShape>> {
  const shapes = new Map<string, InstanceShape>();
  const wanted = [...new Set(types)];
  if (wanted.length === 0) return shapes;
  let NextToken: string | undefined;
  do {
    const out = await inGroup("cluster", "DescribeInstanceTypes", () =>
      clients.ec2.send(
        new DescribeInstanceTypesCommand({ InstanceTypes: wanted as _InstanceType[], NextToken }),
      ),
    );
    for (const info of out.InstanceTypes ?? []) {
      const shape = toShape(info);
      shapes.set(shape.name, shape);
    }
    NextToken = out.NextToken;
  } while (NextToken);
  return shapes;
}

function toShape(info: InstanceTypeInfo): InstanceShape {
  const ghz = info.ProcessorInfo?.SustainedClockSpeedInGhz;
  const mhz = ghz ? Math.round(ghz * 1000) : DEFAULT_MHZ;
  return {
    name: info.InstanceType ?? "",
    cpuMhz: (info.VCpuInfo?.DefaultVCpus ?? 0) * mhz,
    memoryMb: info.MemoryInfo?.SizeInMiB ?? 0,
    devices: (info.GpuInfo?.Gpus ?? []).map((g) => ({
      vendor: (g.Manufacturer ?? "").toLowerCase(),
      type: "gpu",
      name: g.Name ?? "",
      count: g.Count ?? 0,
    })),
  };
}
