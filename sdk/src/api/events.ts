// /v1/event/stream: Nomad's change feed as an async iterator. The body is
// newline-delimited JSON, one frame per Raft index, with `{}` heartbeats
// every few seconds that only keep the connection alive.

import type { Events as EventStreamFrame, Event as NomadEvent } from "../schema/api-types.generated.js";
import type { HttpClient } from "./client.js";
import type { Index, RequestOptions } from "./types.js";

// Nomad's own shapes, generated from its api module (sdk/tools/gen-api-types.ts).
export type { Event as NomadEvent } from "../schema/api-types.generated.js";

/**
 * One frame of the stream. `Err` is the Go client's own field, never sent; frames without
 * events are heartbeats, which the stream skips, so `Events` is never null here.
 */
export type EventFrame = Omit<EventStreamFrame, "Err" | "Events"> & { Events: NomadEvent[] };

export interface EventStreamOptions extends RequestOptions {
  /**
   * Topic → keys (`*` for all), e.g. `{ Job: ["web"], Deployment: ["*"] }`.
   * Left out, Nomad sends every topic the token may read.
   */
  topics?: Record<string, string[]>;
  /** Start after this index; Nomad replays what it still holds from there. */
  index?: Index;
}

export class Events {
  constructor(private readonly http: HttpClient) {}

  /**
   * Frames as they happen. Stop with `break` or by aborting `signal`; either
   * closes the connection and ends the loop without an error.
   */
  async *stream(options: EventStreamOptions = {}): AsyncGenerator<EventFrame, void, undefined> {
    const topic = Object.entries(options.topics ?? {}).flatMap(([t, keys]) =>
      keys.length === 0 ? [`${t}:*`] : keys.map((k) => `${t}:${k}`),
    );
    const res = await this.http.stream({
      method: "GET",
      path: "/v1/event/stream",
      query: { topic, index: options.index },
      options: { ...options, index: undefined },
    });
    res.setEncoding("utf8");
    let buffered = "";
    try {
      for await (const chunk of res as AsyncIterable<string>) {
        buffered += chunk;
        let newline = buffered.indexOf("\n");
        while (newline >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          newline = buffered.indexOf("\n");
          const frame = parseFrame(line);
          if (frame) yield frame;
        }
      }
    } catch (err) {
      if (!options.signal?.aborted) throw err;
    } finally {
      res.destroy();
    }
  }
}

/** A frame, or undefined for a blank line or heartbeat. */
export function parseFrame(line: string): EventFrame | undefined {
  if (line === "") return undefined;
  const value = JSON.parse(line) as Partial<EventFrame> & { Error?: string };
  if (value.Error) throw new Error(`Nomad event stream: ${value.Error}`);
  if (!value.Events || value.Events.length === 0) return undefined;
  return { Index: value.Index ?? 0, Events: value.Events };
}
