import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { bootScript } from "./boot-script.js";

const hcl = 'datacenter = "dc1"\nclient {\n  enabled = true\n}\n';

describe("boot script", () => {
  it("installs the pinned Nomad from the configured source and starts it under systemd", () => {
    const s = bootScript({
      cloud: "aws",
      client: true,
      agentHcl: hcl,
      nomad: {
        version: "1.11.3",
        url: "https://mirror.example/nomad/{version}/{arch}.zip",
        sha256: { amd64: "aa", arm64: "bb" },
      },
    });
    expect(s.startsWith("#!/bin/sh\n")).toBe(true);
    expect(s).toContain("NOMAD_VERSION=1.11.3");
    expect(s).toContain(
      "url=$(echo 'https://mirror.example/nomad/1.11.3/{arch}.zip' | sed \"s/{arch}/$arch/g\")",
    );
    expect(s).toContain("amd64) sum=aa ;;");
    expect(s).toContain(`cat > /etc/nomad.d/nomad.hcl <<'NOMADKIT_EOF'\n${hcl}NOMADKIT_EOF`);
    expect(s).toContain("http://169.254.169.254/latest/meta-data/instance-id");
    expect(s).toContain('"nomadkit.instance_id" = "$id"');
    expect(s).toContain("systemctl enable --now nomad");
  });

  it("asks GCP's metadata server on GCP, and servers get no instance meta", () => {
    const s = bootScript({ cloud: "gcp", client: false, agentHcl: hcl, nomad: { version: "1.11.3" } });
    expect(s).toContain("releases.hashicorp.com/nomad/1.11.3/nomad_1.11.3_linux_{arch}.zip");
    expect(s).not.toContain("instance.hcl");
  });

  it("refuses a version that isn't one", () => {
    expect(() =>
      bootScript({ cloud: "aws", client: true, agentHcl: hcl, nomad: { version: "latest; rm -rf /" } }),
    ).toThrow(/not a version/);
  });

  it("is valid sh that writes the config and instance meta, then runs the agent", () => {
    const s = bootScript({ cloud: "aws", client: true, agentHcl: hcl, nomad: { version: "1.11.3" } });
    expect(spawnSync("sh", ["-n"], { input: s }).status).toBe(0);
    // Run it against a scratch root: the install is skipped (a fake nomad at that version)
    // and the agent is replaced by printing its arguments.
    const root = spawnSync("mktemp", ["-d"]).stdout.toString().trim();
    const fake = `#!/bin/sh\nif [ "$1" = version ]; then echo "Nomad v1.11.3"; else echo "agent $*"; fi\n`;
    const script = s.replaceAll("/etc/nomad.d", `${root}/etc`).replaceAll("/opt/nomad", `${root}/opt`);
    const run = spawnSync(
      "sh",
      [
        "-c",
        `mkdir -p ${root}/bin && printf '%s' "$FAKE" > ${root}/bin/nomad && chmod +x ${root}/bin/nomad && sh`,
      ],
      {
        input: script,
        env: {
          PATH: `${root}/bin:/usr/bin:/bin`,
          FAKE: fake,
          NOMADKIT_INSTANCE_ID: "i-0abc",
          NOMADKIT_FOREGROUND: "1",
        },
      },
    );
    expect(run.stderr.toString()).toBe("");
    expect(run.stdout.toString()).toBe(`agent agent -config ${root}/etc\n`);
    expect(spawnSync("cat", [`${root}/etc/nomad.hcl`]).stdout.toString()).toBe(hcl);
    expect(spawnSync("cat", [`${root}/etc/instance.hcl`]).stdout.toString()).toContain(
      '"nomadkit.instance_id" = "i-0abc"',
    );
    spawnSync("rm", ["-rf", root]);
  });
});
