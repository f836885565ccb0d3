// /v1/allocation(s) and the client log endpoint: where a deploy finds out
// which allocation failed and why (task states carry the task events).

import type { Allocation, AllocationListStub } from "../schema/api-types.generated.js";
import type { HttpClient } from "./client.js";
import { jobPath } from "./jobs.js";
import type { Index, NomadResponse, QueryOptions, RequestOptions } from "./types.js";

// Nomad's own shapes, generated from its api module (sdk/tools/gen-api-types.ts).
export type { Allocation, AllocationListStub, TaskEvent, TaskState } from "../schema/api-types.generated.js";

export interface LogOptions extends RequestOptions {
  task: string;
  type?: "stdout" | "stderr";
  /** Read from the start or back from the end of the log. */
  origin?: "start" | "end";
  /** Bytes from the origin. */
  offset?: number;
}

export class Allocations {
  constructor(private readonly http: HttpClient) {}

  /** `resources` adds AllocatedResources; `taskStates: false` leaves out TaskStates (smaller answers). */
  list(
    options: QueryOptions & { resources?: boolean; taskStates?: boolean } = {},
  ): Promise<NomadResponse<AllocationListStub[]>> {
    return this.http.json({
      method: "GET",
      path: "/v1/allocations",
      query: { resources: options.resources || undefined, task_states: options.taskStates },
      options,
    });
  }

  /**
   * list() page by page (`per_page` / `next_token`), each page parsed as it arrives: a
   * C1M cluster's list is over 1 GB of JSON, more than one string can hold. `map` turns each
   * stub into what the caller keeps (undefined: dropped) as soon as it is parsed.
   */
  pages<U = AllocationListStub>(
    options: QueryOptions & { resources?: boolean; taskStates?: boolean; perPage: number },
    map?: (stub: AllocationListStub) => U | undefined,
  ): AsyncGenerator<NomadResponse<U[]>> {
    return this.http.pages(
      {
        method: "GET",
        path: "/v1/allocations",
        query: { resources: options.resources || undefined, task_states: options.taskStates },
        options,
        perPage: options.perPage,
      },
      map,
    );
  }

  read(id: string, options: QueryOptions = {}): Promise<NomadResponse<Allocation>> {
    return this.http.json({ method: "GET", path: `/v1/allocation/${encodeURIComponent(id)}`, options });
  }

  /** Allocations of a job; `all` includes those of earlier job versions with the same ID. */
  listForJob(
    jobId: string,
    options: QueryOptions & { all?: boolean } = {},
  ): Promise<NomadResponse<AllocationListStub[]>> {
    return this.http.json({
      method: "GET",
      path: `${jobPath(jobId)}/allocations`,
      query: { all: options.all || undefined },
      options,
    });
  }

  stop(id: string, options: RequestOptions = {}): Promise<NomadResponse<{ EvalID: string; Index: Index }>> {
    return this.http.json({ method: "PUT", path: `/v1/allocation/${encodeURIComponent(id)}/stop`, options });
  }

  /**
   * A task's log as plain text, e.g. the last 4 KiB of stderr of a task that
   * crashed: `logs(id, { task, type: "stderr", origin: "end", offset: 4096 })`.
   * The server forwards this to the node running the allocation.
   */
  logs(id: string, options: LogOptions): Promise<NomadResponse<string>> {
    const query = {
      task: options.task,
      type: options.type ?? "stderr",
      origin: options.origin ?? "end",
      offset: options.offset ?? 0,
      plain: true,
    };
    return this.http.text({
      method: "GET",
      path: `/v1/client/fs/logs/${encodeURIComponent(id)}`,
      query,
      options,
    });
  }
}
