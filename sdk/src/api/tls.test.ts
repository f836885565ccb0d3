// TLS against a local https server with a throwaway CA made by openssl:
// verification is on by default, NOMAD_CACERT / NOMAD_TLS_SERVER_NAME make it
// pass, NOMAD_SKIP_VERIFY turns it off.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NomadConnectionError } from "./errors.js";
import { NomadClient } from "./index.js";

const hasOpenssl = !spawnSync("openssl", ["version"], { stdio: "ignore" }).error;
// A missing openssl is a skip that says what to install; in CI, which installs it, a failure.
const NO_OPENSSL = "install openssl (apt-get install openssl) to run the TLS tests";
if (!hasOpenssl) {
  if (process.env.CI)
    throw new Error(`no openssl on PATH: ${NO_OPENSSL} (CI is set, so this test may not skip)`);
  console.warn(`TLS tests skipped: ${NO_OPENSSL}`);
}
const dir = mkdtempSync(join(tmpdir(), "nomadkit-tls-"));
let server: Server;
let address: string;

function openssl(...args: string[]) {
  const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`openssl ${args.join(" ")}: ${r.stderr}`);
}

beforeAll(async () => {
  if (!hasOpenssl) return;
  // A CA, and a server certificate for the name Nomad's own certificates use.
  openssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "1",
    "-subj",
    "/CN=test-ca",
  );
  openssl(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "server.key",
    "-out",
    "server.csr",
    "-subj",
    "/CN=server.global.nomad",
  );
  writeFileSync(join(dir, "san.ext"), "subjectAltName=DNS:server.global.nomad\n");
  openssl(
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.pem",
    "-days",
    "1",
    "-extfile",
    "san.ext",
  );
  server = createServer(
    { key: readFileSync(join(dir, "server.key")), cert: readFileSync(join(dir, "server.pem")) },
    (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" }).end('"127.0.0.1:4647"');
    },
  );
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  address = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 30_000);

afterAll(async () => {
  if (server) await new Promise((done) => server.close(done));
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasOpenssl)(`TLS${hasOpenssl ? "" : ` (skipped: ${NO_OPENSSL})`}`, () => {
  it("verifies the server certificate by default", async () => {
    const nomad = new NomadClient({ address, retry: { maxAttempts: 1 }, env: {} });
    const err = await nomad.leader().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NomadConnectionError);
    expect((err as NomadConnectionError).message).toContain("check NOMAD_CACERT");
    nomad.close();
  });

  it("trusts NOMAD_CACERT and checks the name NOMAD_TLS_SERVER_NAME gives", async () => {
    const env = {
      NOMAD_ADDR: address,
      NOMAD_CACERT: join(dir, "ca.pem"),
      NOMAD_TLS_SERVER_NAME: "server.global.nomad",
    };
    const nomad = new NomadClient({ env });
    expect((await nomad.leader()).data).toBe("127.0.0.1:4647");
    nomad.close();

    // The right CA but the wrong name still fails.
    const wrongName = new NomadClient({
      env: { ...env, NOMAD_TLS_SERVER_NAME: "client.global.nomad" },
      retry: { maxAttempts: 1 },
    });
    await expect(wrongName.leader()).rejects.toThrow(NomadConnectionError);
    wrongName.close();
  });

  it("reads a directory of CAs from NOMAD_CAPATH", async () => {
    const env = { NOMAD_ADDR: address, NOMAD_CAPATH: dir, NOMAD_TLS_SERVER_NAME: "server.global.nomad" };
    // The directory also holds keys and a CSR; only certificates count as CAs.
    const nomad = new NomadClient({ env });
    expect((await nomad.leader()).data).toBe("127.0.0.1:4647");
    nomad.close();
  });

  it("skips verification only when NOMAD_SKIP_VERIFY says so", async () => {
    const nomad = new NomadClient({ env: { NOMAD_ADDR: address, NOMAD_SKIP_VERIFY: "true" } });
    expect((await nomad.leader()).data).toBe("127.0.0.1:4647");
    nomad.close();
  });
});
