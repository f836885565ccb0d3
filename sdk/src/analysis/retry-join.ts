// go-discover strings in an agent's `retry_join` ("provider=aws tag_key=… tag_value=…").
// The agent only finds a bad key when it tries to join, after start-up; the one go-discover
// parser (schema/discover-string.ts, also used by the provisioners) checks each string.
import type { ConfigFile } from "../hcl/ast.js";
import { didYouMean } from "../jobspec/diagnostics.js";
import { parseDiscover } from "../schema/index.js";
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
  const parsed = parseDiscover(text);
  if (parsed.ok) return;
  for (const problem of parsed.problems) {
    const hint = problem.suggest ? didYouMean(problem.suggest.word, problem.suggest.choices) : "";
    findings.warning("bad-retry-join", `${problem.message}${hint}`, range);
  }
}
