// go-discover strings in an agent's `retry_join` ("provider=aws tag_key=… tag_value=…").
// The agent only finds a bad key when it tries to join, after start-up; we check each
// provider's keys from go-discover's help text (a small table: the common providers).
import type { ConfigFile } from "../hcl/ast.js";
import { didYouMean } from "../jobspec/diagnostics.js";
import { plainString } from "./binding.js";
import type { Findings } from "./diagnostic.js";
import { stringContentRange, walkBodyExpressions } from "./expressions.js";

const COMMON = ["provider"];
export const DISCOVER_PROVIDERS: Record<string, string[]> = {
  aws: [
    "region",
    "tag_key",
    "tag_value",
    "addr_type",
    "access_key_id",
    "secret_access_key",
    "service",
    "endpoint",
    "profile",
    "role_arn",
  ],
  gce: ["project_name", "zone_pattern", "tag_value", "credentials_file"],
  azure: [
    "tenant_id",
    "client_id",
    "subscription_id",
    "secret_access_key",
    "tag_name",
    "tag_value",
    "resource_group",
    "vm_scale_set",
  ],
  aliyun: ["region", "tag_key", "tag_value", "access_key_id", "access_key_secret"],
  digitalocean: ["region", "tag_name", "api_token"],
  k8s: ["kubeconfig", "namespace", "label_selector", "field_selector", "host_network"],
  linode: ["tag_name", "region", "address_type", "api_token"],
  mdns: ["service", "domain", "timeout", "v6", "v4"],
  os: [
    "tag_key",
    "tag_value",
    "user_name",
    "password",
    "token",
    "auth_url",
    "insecure",
    "project_id",
    "region",
    "domain_name",
    "domain_id",
    "user_id",
    "ca_cert",
  ],
  packet: ["auth_token", "project", "url", "address_type", "facility", "tag"],
  scaleway: ["organization", "tag_name", "token", "region"],
  softlayer: ["datacenter", "tag_value", "username", "api_key"],
  tencentcloud: ["region", "tag_key", "tag_value", "address_type", "access_key_id", "access_key_secret"],
  triton: ["account", "url", "key_id", "tag_key", "tag_value"],
  vsphere: ["category_name", "tag_name", "host", "user", "password", "insecure_ssl", "timeout"],
  hcp: ["project_id", "organization_id", "client_id", "client_secret"],
};

/** Checks every `retry_join` (and `start_join`) list of an agent configuration. */
export function checkRetryJoin(file: ConfigFile, findings: Findings): void {
  const visit = (body: ConfigFile["body"]) => {
    for (const item of body.items) {
      if (item.type === "Block") visit(item.body);
      if (item.type !== "Attribute" || item.name !== "retry_join") continue;
      walkBodyExpressions({ type: "Body", items: [item] }, (expr) => {
        if (expr.type !== "Template") return;
        const text = plainString(expr);
        if (text === undefined || !text.includes("provider=")) return;
        checkDiscoverString(text, stringContentRange(expr) ?? expr.range, findings);
      });
    }
  };
  visit(file.body);
}

function checkDiscoverString(
  text: string,
  range: import("../hcl/ast.js").Range | undefined,
  findings: Findings,
): void {
  const pairs = text
    .trim()
    .split(/\s+/)
    .map((kv) => kv.split("="));
  const bad = pairs.find((p) => p.length < 2 || p[0] === "");
  if (bad) {
    findings.warning(
      "bad-retry-join",
      `"${bad.join("=")}" is not key=value: go-discover strings are "provider=aws key=value …".`,
      range,
    );
    return;
  }
  const provider = pairs.find((p) => p[0] === "provider")?.[1] ?? "";
  const keys = DISCOVER_PROVIDERS[provider];
  if (!keys) {
    findings.warning(
      "bad-retry-join",
      `Unknown cloud auto-join provider "${provider}".${didYouMean(provider, Object.keys(DISCOVER_PROVIDERS))}`,
      range,
    );
    return;
  }
  for (const [key] of pairs) {
    if (key === undefined || COMMON.includes(key) || keys.includes(key)) continue;
    findings.warning(
      "bad-retry-join",
      `provider=${provider} takes no "${key}" key (it takes ${keys.join(", ")}).${didYouMean(key, keys)}`,
      range,
    );
  }
}
