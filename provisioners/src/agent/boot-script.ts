// The script a fresh VM runs once at first boot (cloud-init user data on AWS, the
// startup-script metadata on GCP): install Nomad at a pinned version, write the agent
// configuration, record the instance's own ID as client meta, start the agent under systemd.
// It is plain POSIX sh so the same text runs under busybox in the test harness, where
// NOMADKIT_INSTANCE_ID and NOMADKIT_FOREGROUND stand in for the metadata server and systemd.
import { INSTANCE_ID_META } from "./agent-config.js";

export type Cloud = "aws" | "gcp";

export interface NomadSource {
  readonly version: string;
  /**
   * Where the zip comes from; `{version}` and `{arch}` (amd64, arm64) are filled in.
   * Default: HashiCorp's release server.
   */
  readonly url?: string;
  /** Expected SHA-256 of the zip, checked before unpacking when given. */
  readonly sha256?: Readonly<Record<"amd64" | "arm64", string>>;
}

export interface BootScriptOptions {
  readonly cloud: Cloud;
  readonly nomad: NomadSource;
  /** The agent configuration (HCL), written to /etc/nomad.d/nomad.hcl. */
  readonly agentHcl: string;
  /** Clients get the instance ID as meta; servers don't need it. */
  readonly client: boolean;
}

export const DEFAULT_NOMAD_URL =
  "https://releases.hashicorp.com/nomad/{version}/nomad_{version}_linux_{arch}.zip";

// The here-documents below are quoted, so nothing inside is expanded by the shell.
const EOF_MARK = "NOMADKIT_EOF";

/** The boot script's text. */
export function bootScript(o: BootScriptOptions): string {
  if (o.agentHcl.includes(EOF_MARK)) throw new Error(`bug: agent config contains ${EOF_MARK}`);
  if (!/^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$/.test(o.nomad.version))
    throw new RangeError(`Nomad version "${o.nomad.version}" is not a version like 1.11.3`);
  const url = (o.nomad.url ?? DEFAULT_NOMAD_URL).replaceAll("{version}", o.nomad.version);
  const sums = o.nomad.sha256;
  const instanceId =
    o.cloud === "aws"
      ? [
          'token=$(curl -fsS -X PUT -H "X-aws-ec2-metadata-token-ttl-seconds: 300" http://169.254.169.254/latest/api/token)',
          'curl -fsS -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/instance-id',
        ]
      : [
          'curl -fsS -H "Metadata-Flavor: Google" http://metadata.google.internal/computeMetadata/v1/instance/name',
        ];
  return `#!/bin/sh
# Written by nomadkit: installs Nomad ${o.nomad.version} and starts the ${o.client ? "client" : "server"} agent.
set -eu
NOMAD_VERSION=${o.nomad.version}

instance_id() {
  if [ -n "\${NOMADKIT_INSTANCE_ID:-}" ]; then echo "$NOMADKIT_INSTANCE_ID"; return; fi
  ${instanceId.join("\n  ")}
}

install_nomad() {
  if command -v nomad >/dev/null 2>&1 && [ "$(nomad version | head -n 1)" = "Nomad v$NOMAD_VERSION" ]; then return; fi
  case "$(uname -m)" in
    x86_64) arch=amd64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "nomadkit: no Nomad build for $(uname -m)" >&2; exit 1 ;;
  esac
  url=$(echo '${url}' | sed "s/{arch}/$arch/g")
  tmp=$(mktemp -d)
  curl -fsSL --retry 5 -o "$tmp/nomad.zip" "$url"
${
  sums
    ? `  case "$arch" in amd64) sum=${sums.amd64} ;; arm64) sum=${sums.arm64} ;; esac
  echo "$sum  $tmp/nomad.zip" | sha256sum -c -
`
    : ""
}  unzip -o "$tmp/nomad.zip" nomad -d /usr/local/bin
  chmod 0755 /usr/local/bin/nomad
  rm -rf "$tmp"
}

install_nomad
mkdir -p /etc/nomad.d /opt/nomad/data
cat > /etc/nomad.d/nomad.hcl <<'${EOF_MARK}'
${o.agentHcl.trimEnd()}
${EOF_MARK}
${
  o.client
    ? `id=$(instance_id)
cat > /etc/nomad.d/instance.hcl <<${EOF_MARK}
client {
  meta = {
    "${INSTANCE_ID_META}" = "$id"
  }
}
${EOF_MARK}
`
    : ""
}
if [ -n "\${NOMADKIT_FOREGROUND:-}" ]; then
  exec nomad agent -config /etc/nomad.d
fi

cat > /etc/systemd/system/nomad.service <<'${EOF_MARK}'
[Unit]
Description=Nomad agent (nomadkit)
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/local/bin/nomad agent -config /etc/nomad.d
ExecReload=/bin/kill -HUP $MAINPID
KillMode=process
KillSignal=SIGINT
Restart=on-failure
RestartSec=2
LimitNOFILE=65536
TasksMax=infinity

[Install]
WantedBy=multi-user.target
${EOF_MARK}
systemctl daemon-reload
systemctl enable --now nomad
`;
}
