// The simulated cluster, for tests of code built on the autoscaler (the runtime, the CLI).
export { FakeClock } from "./fake-clock.js";
export { allocState, instance, nodeGroup, nodeState, pendingWork } from "./fixtures.js";
export { SimCloud, type SimGroup } from "./sim-cloud.js";
export { SimCluster } from "./sim-cluster.js";
export { SimNomad } from "./sim-nomad.js";
