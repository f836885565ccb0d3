import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromEnv } from "./config.js";
import { NomadApiError, NomadConnectionError, redact } from "./errors.js";
import { NomadClient } from "./index.js";

const TOKEN = "0b5a3e1c-8d2f-4c6a-9e7b-1f2d3c4b5a69";
const PASSWORD = "hunter2-basic-auth";

/** Every way an error or a client could end up in a log. */
function renderings(value: unknown): string[] {
  const out = [String(value), inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value) ?? ""];
  if (value instanceof Error) out.push(value.message, value.stack ?? "");
  return out;
}

let server: Server;
let address: string;

beforeAll(async () => {
  // A server that, like a careless proxy, echoes the credentials it got.
  server = createServer((req, res) => {
    const echo = `Permission denied for token ${req.headers["x-nomad-token"]} (${req.headers.authorization})`;
    if (req.url?.startsWith("/v1/var/")) {
      res
        .writeHead(409, { "Content-Type": "application/json" })
        .end(JSON.stringify({ Path: "a", ModifyIndex: 3 }));
    } else {
      res.writeHead(403).end(echo);
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((done) => server.close(done)));

describe("NomadApiError", () => {
  it("names status, method, path and Nomad's message, with a hint for 403", async () => {
    const nomad = new NomadClient({ address, env: {} });
    const err = (await nomad.jobs.read("web").catch((e: unknown) => e)) as NomadApiError;
    expect(err).toBeInstanceOf(NomadApiError);
    expect(err.status).toBe(403);
    expect(err.isPermissionDenied).toBe(true);
    expect(err.message).toMatch(
      /^Nomad GET \/v1\/job\/web failed with 403: Permission denied for token undefined/,
    );
    expect(err.message).toContain("check NOMAD_TOKEN");
    nomad.close();
  });

  it("never shows the token or the basic-auth password", async () => {
    const nomad = new NomadClient({
      address,
      token: TOKEN,
      httpAuth: { username: "ops", password: PASSWORD },
      env: {},
    });
    const err = (await nomad.jobs.read("web").catch((e: unknown) => e)) as NomadApiError;
    expect(err.nomadMessage).toContain("[redacted]");
    for (const text of [...renderings(err), ...renderings(nomad), ...renderings(err.nomadMessage)]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(PASSWORD);
    }
    nomad.close();
  });

  it("keeps a JSON error body as data", async () => {
    const nomad = new NomadClient({ address, token: TOKEN, env: {} });
    const res = await nomad.variables.put("a", { k: "v" }, { cas: 1 });
    expect(res.data).toEqual({ ok: false, conflict: { Path: "a", ModifyIndex: 3 } });
    nomad.close();
  });

  it("treats a stale EnforceIndex (a 500) as a conflict", () => {
    const err = new NomadApiError({
      status: 500,
      method: "PUT",
      path: "/v1/jobs",
      nomadMessage: "Enforcing job modify index 5: job exists with conflicting job modify index: 7",
    });
    expect(err.isConflict).toBe(true);
    expect(err.message).toContain("plan again and retry");
  });
});

describe("secrets elsewhere", () => {
  it("are not in a connection error", async () => {
    const nomad = new NomadClient({
      address: "http://127.0.0.1:1",
      token: TOKEN,
      retry: { maxAttempts: 1 },
      env: {},
    });
    const err = (await nomad.jobs.list().catch((e: unknown) => e)) as NomadConnectionError;
    expect(err).toBeInstanceOf(NomadConnectionError);
    for (const text of renderings(err)) expect(text).not.toContain(TOKEN);
    nomad.close();
  });

  it("are not in a printed config, but stay usable", () => {
    const config = configFromEnv({ NOMAD_TOKEN: TOKEN, NOMAD_HTTP_AUTH: `ops:${PASSWORD}` });
    for (const text of renderings(config)) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(PASSWORD);
    }
    expect(config.token).toBe(TOKEN);
    expect(inspect(config)).toContain("[redacted]");
  });

  it("are not in a client created from the environment", () => {
    const nomad = new NomadClient({ env: { NOMAD_TOKEN: TOKEN, NOMAD_ADDR: "http://nomad.internal:4646" } });
    expect(inspect(nomad, { showHidden: true, depth: 10 })).toBe(
      'NomadClient { address: "http://nomad.internal:4646" }',
    );
    expect(JSON.stringify(nomad)).not.toContain(TOKEN);
    nomad.close();
  });

  it("redact() replaces every occurrence and ignores empty secrets", () => {
    expect(redact("a TOKEN b TOKEN", ["TOKEN", ""])).toBe("a [redacted] b [redacted]");
  });
});
