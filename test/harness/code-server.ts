// A real VS Code for the extension's e2e test: code-server (installed by
// test/harness/install-code-server.sh into ~/.cache/nomadkit/code-server) in its own temp
// user-data and extensions dirs, and Debian's chromium driven by playwright-core.
//
//   const editor = await startCodeServer({ vsix, workspace });   // or { skip }
//   const page = await editor.open();                            // a chromium page on the workspace
//   await editor.stop();
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Browser, Page } from "playwright-core";

export const CODE_SERVER_DIR =
  process.env.NOMADKIT_CODE_SERVER_DIR ?? join(homedir(), ".cache/nomadkit/code-server");
const INSTALL_HINT =
  "apt-get install chromium ripgrep libsecret-1-dev libkrb5-dev libx11-dev libxkbfile-dev, then bash test/harness/install-code-server.sh";

export interface Editor {
  url: string;
  userDataDir: string;
  open(): Promise<Page>;
  logs(): string;
  stop(): Promise<void>;
}

/** code-server's and chromium's paths, or why the test has to skip. */
export function findEditorTools(): { codeServer: string; chromium: string } | { skip: string } {
  const codeServer = process.env.CODE_SERVER_BIN ?? join(CODE_SERVER_DIR, "node_modules/.bin/code-server");
  const chromium =
    process.env.CHROMIUM_BIN ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  const missing = [
    existsSync(codeServer) ? undefined : `code-server (${codeServer})`,
    chromium ? undefined : "chromium",
  ].filter(Boolean);
  if (missing.length === 0 && chromium) return { codeServer, chromium };
  const skip = `missing ${missing.join(" and ")}: ${INSTALL_HINT}`;
  if (process.env.CI) throw new Error(`${skip} (CI is set, so this test may not skip)`);
  return { skip };
}

export async function startCodeServer(options: {
  vsix: string;
  workspace: string;
  settings?: Record<string, unknown>;
}): Promise<Editor | { skip: string }> {
  const tools = findEditorTools();
  if ("skip" in tools) return tools;
  const dir = mkdtempSync(join(tmpdir(), "nomadkit-code-server-"));
  const userDataDir = join(dir, "user");
  const extensionsDir = join(dir, "extensions");
  const config = join(dir, "config.yaml");
  writeFileSync(config, "auth: none\ncert: false\n");
  const common = ["--config", config, "--user-data-dir", userDataDir, "--extensions-dir", extensionsDir];
  // Offline: code-server installs a .vsix without the marketplace.
  const install = spawnSync(tools.codeServer, [...common, "--install-extension", options.vsix], {
    encoding: "utf8",
    timeout: 120_000,
  });
  if (install.status !== 0)
    throw new Error(`code-server --install-extension failed:\n${install.stdout}${install.stderr}`);
  writeFileSync(
    join(mkdirp(join(userDataDir, "User")), "settings.json"),
    JSON.stringify({
      "workbench.startupEditor": "none",
      "workbench.tips.enabled": false,
      "security.workspace.trust.enabled": false,
      "telemetry.telemetryLevel": "off",
      "update.mode": "none",
      "extensions.autoCheckUpdates": false,
      "extensions.autoUpdate": false,
      "editor.quickSuggestionsDelay": 50,
      "workbench.colorTheme": "Default Dark Modern",
      ...options.settings,
    }),
  );

  const port = await freePort();
  let output = "";
  // setsid: code-server starts helpers (extension host, file watcher, ptyHost); stopping the
  // whole process group leaves none behind.
  const child: ChildProcess = spawn(
    "setsid",
    [
      tools.codeServer,
      ...common,
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      options.workspace,
    ],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NOMAD_ADDR: undefined, NOMAD_TOKEN: undefined },
    },
  );
  const collect = (d: Buffer) => {
    output = (output + d.toString()).slice(-128 * 1024);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not start in 60 s:\n${output}`);
    await sleep(250);
  }

  let browser: Browser | undefined;
  const stopProcessGroup = async () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    for (let i = 0; i < 40 && child.exitCode === null; i++) await sleep(100);
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  return {
    url,
    userDataDir,
    logs: () => output,
    async open() {
      const { chromium } = await import("playwright-core");
      // playwright-core gives each launch a fresh chromium profile of its own.
      browser ??= await chromium.launch({
        executablePath: tools.chromium,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(url);
      return page;
    },
    async stop() {
      await browser?.close().catch(() => undefined);
      await stopProcessGroup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function mkdirp(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}
