// The two ways provisioning tells a user what to change, on any cloud: the description is
// wrong (every problem at once), or a cloud call failed in a named group.
import type { ClusterProblem } from "./cluster-props.js";

/** Every problem in a cluster description, each naming its place. */
export class InvalidCluster extends Error {
  constructor(readonly problems: readonly ClusterProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  }
}

/** A user-facing failure: where (`pool "gpu"`, `servers`, `cluster`) and what to do. */
export class ClusterError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}
