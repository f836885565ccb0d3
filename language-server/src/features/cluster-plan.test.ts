import type { JobPlan } from "nomadkit/deploy";
import { describe, expect, it } from "vitest";
import { planSummary } from "./cluster-plan.js";

/** A plan as Nomad answers it, only the parts the summary reads. */
const plan = (
  diffType: string,
  updates: Record<string, Record<string, number>>,
  failed: string[] = [],
): JobPlan =>
  ({
    jobId: "web",
    jobModifyIndex: 0,
    changed: diffType !== "None",
    allocationsChange: false,
    response: {
      Diff: { Type: diffType },
      Annotations: { DesiredTGUpdates: updates },
      FailedTGAllocs: Object.fromEntries(failed.map((g) => [g, {}])),
    },
  }) as unknown as JobPlan;

describe("plan lens summary", () => {
  it.each([
    [plan("Added", { api: { Place: 2 } }), "plan: create (2 allocations to place)"],
    [plan("None", { api: { Ignore: 2 } }), "plan: no change"],
    [plan("Edited", { api: { InPlaceUpdate: 1 } }), "plan: update in place 1 allocation"],
    [
      plan("Edited", { api: { DestructiveUpdate: 2 }, db: { InPlaceUpdate: 1 } }),
      "plan: destroy/create 2 allocations",
    ],
    [plan("Edited", { api: { Ignore: 1 } }), "plan: update the job (no allocation changes)"],
    [
      plan("Edited", { api: { Place: 1, Ignore: 1 }, db: { Stop: 1 } }),
      "plan: update · place 1 allocation · stop 1 allocation",
    ],
    [
      plan("Added", { api: { Place: 1 }, db: { Place: 1 } }, ["db"]),
      'plan: create (2 allocations to place) · can\'t place group "db"',
    ],
  ])("%#: %s", (given, title) => {
    expect(planSummary(given)).toBe(title);
  });
});
