// Paginated, streamed list reads (HttpClient.pages / jsonArray) against a local stand-in that
// pages the way Nomad does: `per_page` items, then X-Nomad-NextToken naming the next item.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HttpClient } from "./client.js";
import { NomadConnectionError } from "./errors.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

type Handler = (url: URL, res: ServerResponse, call: number) => void;

async function serve(handler: Handler) {
  const urls: string[] = [];
  const server = createServer((req, res) => {
    urls.push(req.url ?? "");
    handler(new URL(req.url ?? "/", "http://x"), res, urls.length);
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { address: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, urls };
}

const ITEMS = Array.from({ length: 7 }, (_, i) => ({ ID: `a${i}`, Note: `"]}, ${i}` }));

/** Pages ITEMS as Nomad does, written in small chunks so elements straddle them. */
function pager(url: URL, res: ServerResponse) {
  const perPage = Number(url.searchParams.get("per_page") ?? ITEMS.length);
  const token = url.searchParams.get("next_token");
  const from = token ? ITEMS.findIndex((i) => i.ID === token) : 0;
  const page = ITEMS.slice(from, from + perPage);
  const next = ITEMS[from + perPage];
  res.writeHead(200, { "X-Nomad-Index": "9", ...(next ? { "X-Nomad-NextToken": next.ID } : {}) });
  const body = Buffer.from(JSON.stringify(page));
  for (let i = 0; i < body.length; i += 5) res.write(body.subarray(i, i + 5));
  res.end();
}

const fastRetry = { baseDelayMs: 1, maxDelayMs: 5 };

async function all<T>(pages: AsyncIterable<{ data: T[] }>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of pages) out.push(page.data);
  return out;
}

describe("HttpClient.pages", () => {
  it("follows next_token page by page and keeps the query and options", async () => {
    const { address, urls } = await serve(pager);
    const http = new HttpClient({ address, retry: fastRetry });
    const pages = await all(
      http.pages({
        method: "GET",
        path: "/v1/allocations",
        query: { resources: true },
        options: { stale: true, namespace: "*" },
        perPage: 3,
      }),
    );
    expect(pages).toEqual([ITEMS.slice(0, 3), ITEMS.slice(3, 6), ITEMS.slice(6)]);
    expect(urls).toEqual([
      "/v1/allocations?resources=true&namespace=*&stale=&per_page=3",
      "/v1/allocations?resources=true&namespace=*&stale=&per_page=3&next_token=a3",
      "/v1/allocations?resources=true&namespace=*&stale=&per_page=3&next_token=a6",
    ]);
    http.close();
  });

  it("turns each element into what the caller keeps as it is parsed, dropping undefined", async () => {
    const { address } = await serve(pager);
    const http = new HttpClient({ address });
    const ids = await all(
      http.pages({ method: "GET", path: "/v1/allocations", perPage: 4 }, (a: { ID: string }) =>
        a.ID === "a2" ? undefined : a.ID,
      ),
    );
    expect(ids).toEqual([
      ["a0", "a1", "a3"],
      ["a4", "a5", "a6"],
    ]);
    http.close();
  });

  it("asks for the next page as soon as a page's headers name it, before its body is in", async () => {
    let holdFirst: (() => void) | undefined;
    const { address, urls } = await serve((url, res) => {
      if (url.searchParams.get("next_token")) return pager(url, res);
      // The first page's body waits until the second page has been asked for.
      res.writeHead(200, { "X-Nomad-NextToken": "a2" });
      res.write('[{"ID":"a0"},');
      holdFirst = () => res.end('{"ID":"a1"}]');
    });
    const http = new HttpClient({ address });
    const reading = all(http.pages({ method: "GET", path: "/v1/allocations", perPage: 2 }));
    while (urls.length < 2) await new Promise((r) => setTimeout(r, 5));
    expect(urls[1]).toContain("next_token=a2");
    holdFirst?.();
    expect((await reading).flat()).toEqual([{ ID: "a0" }, { ID: "a1" }, ...ITEMS.slice(2)]);
    http.close();
  });

  it("ends after one page when a page is exactly the rest", async () => {
    const { address, urls } = await serve(pager);
    const http = new HttpClient({ address });
    expect(await all(http.pages({ method: "GET", path: "/v1/nodes", perPage: 7 }))).toEqual([ITEMS]);
    expect(urls).toHaveLength(1);
    http.close();
  });

  it("reads a page again when its body was cut short, without handing on its first half twice", async () => {
    const { address, urls } = await serve((url, res, call) => {
      if (call === 2) {
        // The second page stops in the middle of an element, but the answer ends properly.
        res.writeHead(200, { "X-Nomad-NextToken": "a6" });
        res.end(JSON.stringify(ITEMS.slice(3, 6)).slice(0, 40));
        return;
      }
      pager(url, res);
    });
    const http = new HttpClient({ address, retry: fastRetry });
    const pages = await all(http.pages({ method: "GET", path: "/v1/allocations", perPage: 3 }));
    expect(pages.flat()).toEqual(ITEMS);
    expect(urls.filter((u) => u.endsWith("next_token=a3"))).toHaveLength(2);
    http.close();
  });

  it("drops the page it asked for early when the retried page names another", async () => {
    const { address, urls } = await serve((url, res, call) => {
      if (call === 2) {
        // The first try of the second page names a5 as next, then stops mid-element.
        res.writeHead(200, { "X-Nomad-NextToken": "a5" });
        res.end(JSON.stringify(ITEMS.slice(3, 6)).slice(0, 40));
        return;
      }
      pager(url, res);
    });
    const http = new HttpClient({ address, retry: fastRetry });
    const pages = await all(http.pages({ method: "GET", path: "/v1/allocations", perPage: 3 }));
    expect(pages.flat()).toEqual(ITEMS);
    expect(urls.filter((u) => u.endsWith("next_token=a5"))).toHaveLength(1); // asked early, then dropped
    expect(urls.filter((u) => u.endsWith("next_token=a6"))).toHaveLength(1);
    http.close();
  });

  it("gives up with a clear error when every try is cut short, or the connection drops mid-body", async () => {
    const { address } = await serve((_url, res) => {
      res.writeHead(200);
      res.end('[{"ID":"a0"},{"ID":');
    });
    const http = new HttpClient({ address, retry: { ...fastRetry, maxAttempts: 2 } });
    const read = http.jsonArray({ method: "GET", path: "/v1/allocations" });
    await expect(read).rejects.toBeInstanceOf(NomadConnectionError);
    await expect(read).rejects.toThrow(
      /GET \/v1\/allocations\): its answer was not read whole: the body ended after 19 bytes, inside element 2 \(1 read\)/,
    );

    const dropped = await serve((_url, res) => {
      res.writeHead(200);
      res.write('[{"ID":"a0"},{"ID":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const other = new HttpClient({ address: dropped.address, retry: { ...fastRetry, maxAttempts: 2 } });
    await expect(other.jsonArray({ method: "GET", path: "/v1/nodes" })).rejects.toThrow(
      /Could not reach Nomad .*GET \/v1\/nodes/,
    );
    http.close();
    other.close();
  });

  it("refuses an answer that is not an array, and does not stream error answers", async () => {
    const { address } = await serve((url, res) => {
      if (url.pathname === "/v1/nodes") res.writeHead(200).end('{"ID":"a0"}');
      else res.writeHead(400).end("invalid per_page");
    });
    const http = new HttpClient({ address, retry: { ...fastRetry, maxAttempts: 1 } });
    await expect(http.jsonArray({ method: "GET", path: "/v1/nodes" })).rejects.toThrow(/not a JSON array/);
    await expect(http.jsonArray({ method: "GET", path: "/v1/allocations" })).rejects.toThrow(
      /failed with 400: invalid per_page/,
    );
    http.close();
  });
});
