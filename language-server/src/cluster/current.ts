// The one place that knows which cluster the server talks to, if any. Settings without an
// address mean no ClusterView and so no request at all; a changed connection replaces it.
import { type ClusterSettings, ClusterView } from "./view.js";

export class CurrentCluster {
  #key = "";
  #view: ClusterView | undefined;

  constructor(
    private readonly changed: () => void,
    private readonly log: (message: string) => void,
  ) {}

  get view(): ClusterView | undefined {
    return this.#view;
  }

  /** Applies the connection settings; returns whether the cluster changed. */
  update(settings: ClusterSettings | undefined): boolean {
    const address = settings?.address?.trim();
    const key = address ? JSON.stringify({ ...settings, address }) : "";
    if (key === this.#key) return false;
    this.#key = key;
    this.#view?.dispose();
    this.#view = address ? new ClusterView({ ...settings, address }, this.changed, this.log) : undefined;
    // The address only: the token stays out of the log.
    this.log(this.#view ? `cluster: connected to ${this.#view.address}` : "cluster: none");
    return true;
  }

  dispose(): void {
    this.#view?.dispose();
    this.#view = undefined;
  }
}
