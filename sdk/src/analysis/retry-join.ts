// go-discover strings in an agent's `retry_join` ("provider=aws tag_key=… tag_value=…").
// The agent only finds a bad key when it tries to join, after start-up; we check each
// provider's keys against the schema, which reads them from the go-discover Nomad requires.
import type { ConfigFile } from "../hcl/ast.js";
import { didYouMean } from "../jobspec/diagnostics.js";
import { discoverKeys, discoverProviders } from "../schema/index.js";
import { plainString } from "./binding.js";
import type { Findings } from "./diagnostic.js";
import { stringContentRange, walkBodyExpressions } from "./expressions.js";

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
  const keys = discoverKeys(provider);
  if (!keys) {
    findings.warning(
      "bad-retry-join",
      `Unknown cloud auto-join provider "${provider}".${didYouMean(provider, discoverProviders())}`,
      range,
    );
    return;
  }
  for (const [key] of pairs) {
    if (key === undefined || key === "provider" || keys.includes(key)) continue;
    findings.warning(
      "bad-retry-join",
      `provider=${provider} takes no "${key}" key (it takes ${keys.join(", ")}).${didYouMean(key, keys)}`,
      range,
    );
  }
}
