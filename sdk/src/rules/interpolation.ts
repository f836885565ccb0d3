// `${root.name}` text that nothing fills in. jobspec2 keeps a reference to a root it does
// not know as literal text (so `${attr.kernel.name}` reaches the client), which also means
// a typo such as `${nod.region}` is shipped as is and never replaced; a TypeScript app can
// write the same string. Bare names (`${NOMAD_PORT_http}`, `${HOME}`) are task
// environment variables: see runtime-names.ts.

import { didYouMean } from "../jobspec/diagnostics.js";
import { interpolationRoots } from "../schema/semantics.js";
import { stringsIn } from "./model.js";
import type { Rule } from "./rule.js";

const ROOTED = /\$\{\s*([A-Za-z_][\w-]*)\./g;

export const unknownInterpolation: Rule = {
  id: "unknown-interpolation",
  severity: "warning",
  summary: "text such as ${nod.region} whose root Nomad never resolves, so it stays literal",
  check(job, ctx) {
    for (const { text, at } of stringsIn(job, [], "${")) {
      for (const m of text.matchAll(ROOTED)) {
        const root = m[1] ?? "";
        const roots = interpolationRoots();
        if (roots.includes(root)) continue;
        const hint = didYouMean(root, roots);
        ctx.report(
          at,
          `Nomad does not know "${root}" at run time, so "\${${root}…}" stays as literal text.${hint}`,
          {
            ...(hint ? { suggestions: [hint.replace(/.*"(.+)".*/, "$1")] } : {}),
            focus: { text: root, after: m[0].slice(0, m[0].indexOf(root)) },
          },
        );
      }
    }
  },
};
