// Cloud errors turned into messages a user can act on, naming the group they happened in.
// Throttling never gets here: the SDK retries it with backoff (clients.ts).

import { ClusterError } from "../cloud/cluster-errors.js";

export const QUOTA = new Set([
  "LimitExceeded",
  "InstanceLimitExceeded",
  "VcpuLimitExceeded",
  "MaxSpotInstanceCountExceeded",
  "LaunchTemplateLimitExceeded",
  "ResourceLimitExceeded",
]);
export const PERMISSION = new Set([
  "UnauthorizedOperation",
  "AccessDenied",
  "AccessDeniedException",
  "AuthFailure",
  "UnrecognizedClientException",
  "InvalidClientTokenId",
]);
export const THROTTLED = new Set([
  "Throttling",
  "ThrottlingException",
  "RequestLimitExceeded",
  "TooManyRequestsException",
]);

/** The error's code and message, with what to do about the common kinds. */
export function explainAwsError(error: unknown): string {
  const e = error as { name?: string; Code?: string; message?: string };
  const code = e.Code ?? e.name ?? "Error";
  const message = e.message ?? String(error);
  if (QUOTA.has(code))
    return `${code}: ${message} — an AWS quota is reached; ask for a higher limit (Service Quotas) or lower the group's size`;
  if (PERMISSION.has(code))
    return `${code}: ${message} — the credentials in use lack a permission; the provisioners README lists the IAM actions needed`;
  if (THROTTLED.has(code)) return `${code}: ${message} — still throttled after every retry; try again later`;
  if (/ECONNREFUSED|ENOTFOUND|getaddrinfo/.test(message))
    return `${message} — is the region right, and is AWS_ENDPOINT_URL (if set) reachable?`;
  return `${code}: ${message}`;
}

/** Runs one cloud call for a group, turning its failure into a ClusterError naming the group. */
export async function inGroup<T>(path: string, action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ClusterError) throw error;
    throw new ClusterError(path, `${action} failed: ${explainAwsError(error)}`);
  }
}
