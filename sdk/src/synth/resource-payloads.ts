import type { NodePool } from "../constructs/node-pool.js";
import type { Problems } from "./problems.js";
import { type ApiObject, specToApi } from "./spec-to-api.js";

/** The body of `PUT /v1/node/pool`. */
export function nodePoolPayload(pool: NodePool, problems: Problems): ApiObject {
  const { capabilities: _offered, ...spec } = pool.props;
  return specToApi("NodePool", { ...spec, name: pool.name }, { path: pool.path, problems, at: "node_pool" });
}
