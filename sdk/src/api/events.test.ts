import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { parseFrame } from "./events.js";
import { NomadClient } from "./index.js";

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function serve(handler: (url: string, res: ServerResponse) => void): Promise<string> {
  server = createServer((req, res) => handler(req.url ?? "", res));
  await new Promise<void>((done) => server?.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const frame = (index: number, type: string) =>
  JSON.stringify({
    Index: index,
    Events: [{ Topic: "Job", Type: type, Key: "web", Index: index, Payload: {} }],
  });

describe("events.stream", () => {
  it("yields frames split across chunks and skips heartbeats", async () => {
    let url = "";
    const address = await serve((u, res) => {
      url = u;
      res.writeHead(200, { "Content-Type": "application/json" });
      const text = `{}\n${frame(5, "JobRegistered")}\n{}\n${frame(6, "JobDeregistered")}\n`;
      // Deliberately cut mid-frame.
      res.write(text.slice(0, 20));
      setTimeout(() => res.end(text.slice(20)), 20);
    });
    const nomad = new NomadClient({ address, env: {} });
    const frames = [];
    for await (const f of nomad.events.stream({ topics: { Job: ["web"], Deployment: [] }, index: 4 }))
      frames.push(f);
    expect(frames.map((f) => [f.Index, f.Events[0]?.Type])).toEqual([
      [5, "JobRegistered"],
      [6, "JobDeregistered"],
    ]);
    const params = new URL(url, "http://x").searchParams;
    expect(params.getAll("topic")).toEqual(["Job:web", "Deployment:*"]);
    expect(params.get("index")).toBe("4");
    nomad.close();
  });

  it("ends without an error when the caller aborts", async () => {
    const address = await serve((_u, res) => {
      res.writeHead(200);
      res.write(`${frame(1, "JobRegistered")}\n`);
      // Keeps the stream open, as Nomad does.
    });
    const nomad = new NomadClient({ address, env: {} });
    const controller = new AbortController();
    const seen: number[] = [];
    for await (const f of nomad.events.stream({ signal: controller.signal })) {
      seen.push(f.Index);
      controller.abort();
    }
    expect(seen).toEqual([1]);
    server?.closeAllConnections();
    nomad.close();
  });

  it("surfaces a stream error frame", () => {
    expect(() => parseFrame('{"Error":"subscription closed by server"}')).toThrow(
      "subscription closed by server",
    );
    expect(parseFrame("{}")).toBeUndefined();
  });
});
