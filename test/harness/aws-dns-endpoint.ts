// go-discover (v1.1.0, the version Nomad 1.11 pins) turns on AWS dual-stack endpoints
// unconditionally, and the AWS SDK for Go refuses a custom endpoint together with dual-stack:
// `endpoint=` in a retry_join string can't reach moto. So the agents keep AWS's own endpoint
// name (ec2.<region>.api.aws), the containers resolve it to the host, and this HTTPS proxy,
// with a certificate from a throwaway CA the containers trust, passes the calls to moto.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";

const HOP_BY_HOP = new Set([
  "host",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "content-length",
]);

export interface AwsDnsEndpoint {
  /** The host name go-discover calls, e.g. ec2.us-east-1.api.aws. */
  readonly hostname: string;
  /** PEM of the CA to mount as the containers' trust store. */
  readonly caFile: string;
  close(): Promise<void>;
}

export async function startAwsDnsEndpoint(
  region: string,
  listenHost: string,
  target: string,
): Promise<AwsDnsEndpoint> {
  const hostname = `ec2.${region}.api.aws`;
  const dir = mkdtempSync(join(tmpdir(), "nomadkit-aws-ca-"));
  const f = (n: string) => join(dir, n);
  const ssl = (...args: string[]) => execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
  ssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=nomadkit test CA",
    "-keyout",
    f("ca.key"),
    "-out",
    f("ca.pem"),
  );
  ssl(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    `/CN=${hostname}`,
    "-keyout",
    f("ep.key"),
    "-out",
    f("ep.csr"),
  );
  writeFileSync(f("ext.cnf"), `subjectAltName=DNS:${hostname}\n`);
  ssl(
    "x509",
    "-req",
    "-in",
    f("ep.csr"),
    "-CA",
    f("ca.pem"),
    "-CAkey",
    f("ca.key"),
    "-CAcreateserial",
    "-days",
    "1",
    "-extfile",
    f("ext.cnf"),
    "-out",
    f("ep.pem"),
  );
  const server: Server = createServer(
    { key: readFileSync(f("ep.key")), cert: readFileSync(f("ep.pem")) },
    async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      // Not the hop-by-hop ones, nor the length fetch sets itself from the body (the undici
      // that testcontainers loads becomes fetch's dispatcher and refuses a given one).
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === "string" && !HOP_BY_HOP.has(k)) headers[k] = v;
      try {
        const upstream = await fetch(`${target}${req.url ?? "/"}`, {
          method: req.method,
          headers,
          body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
        });
        const out = Buffer.from(await upstream.arrayBuffer());
        res.writeHead(upstream.status, {
          "content-type": upstream.headers.get("content-type") ?? "text/xml",
          "content-length": String(out.length),
        });
        res.end(out);
      } catch (error) {
        res.writeHead(502);
        res.end(String(error));
      }
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(443, listenHost, resolve);
  });
  return {
    hostname,
    caFile: f("ca.pem"),
    close: async () => {
      await new Promise((r) => server.close(() => r(undefined)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
