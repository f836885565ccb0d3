import { App, Capability, NodePool } from "nomadkit";
import { analyzeDocument } from "nomadkit/analysis";
import { describe, expect, it } from "vitest";
import { agentHcl, clientConfig, serverConfig } from "./agent-config.js";
import { awsAutoJoin, gceAutoJoin } from "./auto-join.js";

const app = new App({ name: "t" });
const gpu = new NodePool(app, "gpu", {
  capabilities: [Capability.of("has-gpu", "true"), Capability.diskType("ssd")],
});
const join = awsAutoJoin({
  tagKey: "nomadkit:join",
  tagValue: "c1",
  region: "eu-west-1",
  addrType: "private_v4",
});

describe("agent configuration", () => {
  it("prints a server with bootstrap_expect, gossip key, ACL, TLS, telemetry and auto-join", () => {
    const hcl = agentHcl(
      serverConfig({
        datacenter: "eu-west-1",
        bootstrapExpect: 3,
        gossipKey: "k3y",
        acl: true,
        prometheus: true,
        tls: {
          caFile: "/etc/nomad.d/ca.pem",
          certFile: "/etc/nomad.d/s.pem",
          keyFile: "/etc/nomad.d/s-key.pem",
        },
        join,
      }),
    );
    expect(hcl).toBe(`datacenter = "eu-west-1"
data_dir   = "/opt/nomad/data"
bind_addr  = "0.0.0.0"
server {
  enabled          = true
  bootstrap_expect = 3
  encrypt          = "k3y"
  server_join {
    retry_join = [
      "provider=aws tag_key=nomadkit:join tag_value=c1 region=eu-west-1 addr_type=private_v4",
    ]
  }
}
acl {
  enabled = true
}
telemetry {
  prometheus_metrics         = true
  disable_hostname           = true
  publish_allocation_metrics = true
  publish_node_metrics       = true
}
tls {
  http                   = true
  rpc                    = true
  verify_server_hostname = true
  ca_file                = "/etc/nomad.d/ca.pem"
  cert_file              = "/etc/nomad.d/s.pem"
  key_file               = "/etc/nomad.d/s-key.pem"
}
`);
  });

  it("prints a client in its node pool with the pool's capabilities as meta", () => {
    const hcl = agentHcl(
      clientConfig({
        datacenter: "dc1",
        region: "eu",
        nodePool: gpu,
        nodeClass: "g5",
        meta: { team: "ml" },
        hostVolumes: { models: { path: "/srv/models", readOnly: true } },
        options: { "fingerprint.denylist": "env_aws" },
        join: ["10.0.0.1", "10.0.0.2"],
      }),
    );
    expect(hcl).toContain('node_pool  = "gpu"');
    expect(hcl).toContain('node_class = "g5"');
    expect(hcl).toMatch(/meta = \{\n {4}has-gpu += "true"\n {4}disk_type += "ssd"\n {4}team += "ml"\n {2}\}/);
    expect(hcl).toContain('host_volume "models" {\n    path      = "/srv/models"\n    read_only = true\n  }');
    expect(hcl).toContain('retry_join = ["10.0.0.1", "10.0.0.2"]');
    const analysis = analyzeDocument("file:///etc/nomad.d/nomad.hcl", hcl);
    expect([analysis.kind, analysis.diagnostics]).toEqual(["agent", []]);
  });

  it("refuses an agent field the schema lacks, even through extra", () => {
    expect(() =>
      agentHcl(serverConfig({ datacenter: "d", bootstrapExpect: 3, join: [], extra: { nope: 1 } })),
    ).toThrow(/no "nope"/);
  });

  it("builds auto-join strings only from keys go-discover takes", () => {
    expect(
      awsAutoJoin({ tagKey: "role", tagValue: "nomad server", endpoint: "http://10.0.0.1:5000" }),
    ).toEqual({
      provider: "aws",
      args: { tag_key: "role", tag_value: "nomad server", endpoint: "http://10.0.0.1:5000" },
    });
    const gce = gceAutoJoin({ projectName: "p", zonePattern: "europe-west1-.", tagValue: "nomad-server" });
    const hcl = agentHcl(serverConfig({ datacenter: "d", bootstrapExpect: 3, join: gce }));
    expect(hcl).toContain(
      '"provider=gce project_name=p zone_pattern=europe-west1-. tag_value=nomad-server",',
    );
    expect(analyzeDocument("file:///server.hcl", hcl).diagnostics).toEqual([]);
  });
});
