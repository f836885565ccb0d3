import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HttpClient } from "./client.js";
import { NomadApiError, NomadConnectionError } from "./errors.js";

type Handler = (req: IncomingMessage & { body: string }, res: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

/** A local Nomad stand-in; every request is recorded. */
async function serve(handler: Handler) {
  const seen: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      handler(Object.assign(req, { body }), res);
    });
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { address: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const fastRetry = { baseDelayMs: 1, maxDelayMs: 5 };

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(body));
}

describe("HttpClient", () => {
  it("sends the token, namespace and region, and reads X-Nomad-* headers", async () => {
    const { address, seen } = await serve((_req, res) =>
      json(res, 200, [{ ID: "web" }], {
        "X-Nomad-Index": "42",
        "X-Nomad-KnownLeader": "true",
        "X-Nomad-LastContact": "7",
      }),
    );
    const http = new HttpClient({ address, token: "secret-token-1", namespace: "prod", region: "eu" });
    const res = await http.json({ method: "GET", path: "/v1/jobs" });
    expect(res).toEqual({ data: [{ ID: "web" }], meta: { index: 42, knownLeader: true, lastContactMs: 7 } });
    expect(seen[0]?.headers["x-nomad-token"]).toBe("secret-token-1");
    expect(seen[0]?.url).toBe("/v1/jobs?namespace=prod&region=eu");
    http.close();
  });

  it("passes blocking-query index and wait, and per-request overrides", async () => {
    const { address, seen } = await serve((_req, res) => json(res, 200, {}, { "X-Nomad-Index": "43" }));
    const http = new HttpClient({ address, namespace: "prod" });
    const res = await http.json({
      method: "GET",
      path: "/v1/job/web",
      options: { index: 42, waitMs: 5000, namespace: "qa", token: "other", filter: 'Status == "running"' },
    });
    expect(res.meta.index).toBe(43);
    const url = new URL(seen[0]?.url ?? "", "http://x");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      namespace: "qa",
      index: "42",
      wait: "5000ms",
      filter: 'Status == "running"',
    });
    expect(seen[0]?.headers["x-nomad-token"]).toBe("other");
    http.close();
  });

  it("retries reads on 5xx with backoff, then succeeds", async () => {
    let calls = 0;
    const { address } = await serve((_req, res) => {
      calls++;
      if (calls < 3) res.writeHead(500).end("rpc error: something broke");
      else json(res, 200, "ok");
    });
    const http = new HttpClient({ address, retry: fastRetry });
    expect((await http.json({ method: "GET", path: "/v1/status/leader" })).data).toBe("ok");
    expect(calls).toBe(3);
    http.close();
  });

  it("gives up after maxAttempts and throws Nomad's message", async () => {
    let calls = 0;
    const { address } = await serve((_req, res) => {
      calls++;
      res.writeHead(503).end("overloaded");
    });
    const http = new HttpClient({ address, retry: { ...fastRetry, maxAttempts: 3 } });
    const err = await http.json({ method: "GET", path: "/v1/jobs" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NomadApiError);
    expect((err as NomadApiError).status).toBe(503);
    expect((err as NomadApiError).message).toBe("Nomad GET /v1/jobs failed with 503: overloaded");
    expect(calls).toBe(3);
    http.close();
  });

  it("does not retry a write that may have been applied, but does when there was no leader", async () => {
    let calls = 0;
    const { address } = await serve((req, res) => {
      calls++;
      if (req.url?.startsWith("/v1/jobs")) res.writeHead(500).end("raft apply failed");
      else if (calls < 3) res.writeHead(500).end("No cluster leader");
      else json(res, 200, { EvalID: "e" });
    });
    const http = new HttpClient({ address, retry: fastRetry });
    await expect(http.json({ method: "PUT", path: "/v1/jobs", body: {} })).rejects.toThrow(
      "raft apply failed",
    );
    expect(calls).toBe(1);
    expect((await http.json({ method: "PUT", path: "/v1/job/web/evaluate", body: {} })).data).toEqual({
      EvalID: "e",
    });
    expect(calls).toBe(3);
    http.close();
  });

  it("does not retry 4xx", async () => {
    let calls = 0;
    const { address } = await serve((_req, res) => {
      calls++;
      res.writeHead(404).end("job not found");
    });
    const http = new HttpClient({ address, retry: fastRetry });
    const err = (await http
      .json({ method: "GET", path: "/v1/job/nope" })
      .catch((e: unknown) => e)) as NomadApiError;
    expect(err.isNotFound).toBe(true);
    expect(err.nomadMessage).toBe("job not found");
    expect(calls).toBe(1);
    http.close();
  });

  it("retries a refused connection, then throws a NomadConnectionError with a hint", async () => {
    const { address } = await serve(() => {});
    servers.pop()?.close(); // nothing listens on that port any more
    const http = new HttpClient({ address, retry: { ...fastRetry, maxAttempts: 2 } });
    const started = Date.now();
    const err = (await http
      .json({ method: "PUT", path: "/v1/jobs", body: {} })
      .catch((e: unknown) => e)) as NomadConnectionError;
    expect(err).toBeInstanceOf(NomadConnectionError);
    expect(err.code).toBe("ECONNREFUSED");
    expect(err.message).toContain(`Could not reach Nomad at ${address} (PUT /v1/jobs)`);
    expect(err.message).toContain("is the Nomad agent running");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("times out a request that gets no answer", async () => {
    const { address } = await serve(() => {}); // never answers
    const http = new HttpClient({ address, timeoutMs: 100, retry: { maxAttempts: 1 } });
    const err = (await http
      .json({ method: "GET", path: "/v1/jobs" })
      .catch((e: unknown) => e)) as NomadConnectionError;
    expect(err).toBeInstanceOf(NomadConnectionError);
    expect(err.code).toBe("ETIMEDOUT");
    expect(err.message).toContain("no answer within 100 ms");
    http.close();
  });

  it("extends the timeout by a blocking query's wait", async () => {
    const { address } = await serve((_req, res) =>
      setTimeout(() => json(res, 200, [], { "X-Nomad-Index": "9" }), 300),
    );
    const http = new HttpClient({ address, timeoutMs: 100, retry: { maxAttempts: 1 } });
    const res = await http.json({ method: "GET", path: "/v1/jobs", options: { index: 8, waitMs: 1000 } });
    expect(res.meta.index).toBe(9);
    http.close();
  });

  it("stops at once when the caller aborts, without retrying", async () => {
    let calls = 0;
    const { address } = await serve(() => {
      calls++;
    });
    const http = new HttpClient({ address, retry: fastRetry });
    const controller = new AbortController();
    const pending = http.json({ method: "GET", path: "/v1/jobs", options: { signal: controller.signal } });
    setTimeout(() => controller.abort(new Error("user gave up")), 50);
    await expect(pending).rejects.toThrow("user gave up");
    expect(calls).toBe(1);
    http.close();
  });

  it("sends JSON bodies and basic auth, and parses an empty answer as undefined", async () => {
    const { address, seen } = await serve((_req, res) => res.writeHead(200).end());
    const http = new HttpClient({ address, httpAuth: { username: "ops", password: "pw" } });
    const res = await http.json({ method: "PUT", path: "/v1/node/pools", body: { Name: "gpu" } });
    expect(res.data).toBeUndefined();
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({ Name: "gpu" });
    expect(seen[0]?.headers["content-type"]).toBe("application/json");
    expect(seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from("ops:pw").toString("base64")}`);
    http.close();
  });

  it("keeps a path prefix of the address (Nomad behind a proxy)", async () => {
    const { address, seen } = await serve((_req, res) => json(res, 200, "x"));
    const http = new HttpClient({ address: `${address}/nomad/` });
    await http.json({ method: "GET", path: "/v1/status/leader" });
    expect(seen[0]?.url).toBe("/nomad/v1/status/leader");
    http.close();
  });

  it("rejects an address it cannot use", () => {
    expect(() => new HttpClient({ address: "ftp://nomad:4646" })).toThrow("NOMAD_ADDR must start with");
  });
});
