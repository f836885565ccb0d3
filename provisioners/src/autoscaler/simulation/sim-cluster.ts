// The fake clock, the simulated Nomad and the simulated cloud wired together.
import { FakeClock } from "./fake-clock.js";
import { SimCloud } from "./sim-cloud.js";
import { SimNomad } from "./sim-nomad.js";

export class SimCluster {
  readonly clock = new FakeClock();
  readonly nomad = new SimNomad(this.clock);
  readonly cloud = new SimCloud(this.clock, this.nomad);

  /** Moves time on in steps, letting machines boot and drains finish along the way. */
  advance(ms: number, stepMs = 5_000): void {
    for (let left = ms; left > 0; left -= stepMs) {
      this.clock.advance(Math.min(stepMs, left));
      this.cloud.tick();
      this.nomad.tick();
    }
  }

  nodesOf(pool: string) {
    return [...this.nomad.nodes.values()].filter((n) => n.pool === pool);
  }
}
