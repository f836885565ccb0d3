import { describe, expect, it } from "vitest";
import { resolvePolicy } from "./policy.js";
import { formatPolicyProblem, readPolicyFile } from "./policy-file.js";

describe("readPolicyFile", () => {
  it("reads an aws-asg policy with target-value checks into a ScalingPolicy", () => {
    const source = `
scaling "cluster_policy" {
  enabled = true
  min     = 1
  max     = 20

  policy {
    cooldown            = "2m"
    evaluation_interval = "1m"

    check "cpu_allocated_percentage" {
      source = "nomad-apm"
      query  = "percentage-allocated_cpu"

      strategy "target-value" {
        target = 70
      }
    }

    check "mem_allocated_percentage" {
      source = "nomad-apm"
      query  = "percentage-allocated_memory"

      strategy "target-value" {
        target = 70
      }
    }

    target "aws-asg" {
      dry-run             = "false"
      aws_asg_name        = "hashistack-nomad_client"
      node_class          = "hashistack"
      node_drain_deadline = "5m"
      node_purge          = "true"
    }
  }
}
`;
    const { entries, problems } = readPolicyFile(source, "policies/cluster.hcl");
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      {
        name: "cluster_policy",
        enabled: true,
        selector: { by: "group", groupName: "hashistack-nomad_client" },
        cloud: "aws",
        nodeClass: "hashistack",
        notes: [],
        policy: {
          min: 1,
          max: 20,
          evaluationInterval: "1m",
          cooldown: { up: "2m", down: "2m" },
          checks: [
            { kind: "target-value", metric: "cpu", target: 70 },
            { kind: "target-value", metric: "memory", target: 70 },
          ],
          drain: { deadline: "5m" },
        },
      },
    ]);
    // What it reads resolves as it is.
    const entry = entries[0];
    if (!entry) throw new Error("no entry");
    expect(resolvePolicy({ name: "general", min: 0, max: 50, policy: entry.policy }).ok).toBe(true);
  });

  it("reads a gce-mig policy with threshold tiers and a node pool", () => {
    const source = `
scaling "gpu" {
  min = 0
  max = 8
  policy {
    cooldown_on_scale_up = "30s"
    cooldown             = "10m"
    check "high" {
      query = "percentage-allocated_memory"
      strategy "threshold" {
        lower_bound = 80
        delta       = 2
      }
    }
    check "low" {
      query = "percentage-allocated_memory"
      strategy "threshold" {
        upper_bound = 20
        lower_bound = 0
        delta       = -1
      }
    }
    target "gce-mig" {
      project                       = "acme"
      region                        = "europe-west1"
      mig_name                      = "nomad-gpu"
      node_pool                     = "gpu"
      node_drain_ignore_system_jobs = true
      node_selector_strategy        = "least_busy"
    }
  }
}
`;
    const { entries, problems } = readPolicyFile(source, "gpu.hcl");
    expect(problems).toEqual([]);
    expect(entries[0]).toMatchObject({
      selector: { by: "node-pool", nodePool: "gpu", groupName: "nomad-gpu" },
      cloud: "gcp",
      policy: {
        min: 0,
        max: 8,
        cooldown: { up: "30s", down: "10m" },
        checks: [
          { kind: "threshold", metric: "memory", lowerBound: 80, delta: 2 },
          { kind: "threshold", metric: "memory", lowerBound: 0, upperBound: 20, delta: -1 },
        ],
        drain: { ignoreSystemJobs: true },
      },
    });
    expect(entries[0]?.notes[0]).toContain('node_selector_strategy "least_busy"');
  });

  it("names file:line:col for what it can't honour, every problem at once", () => {
    const source = `scaling "bad" {
  policy {
    evaluation_interval = "soon"
    check "p" {
      source = "prometheus"
      query  = "avg(cpu)"
      strategy "target-value" { target = 70 }
    }
    check "q" {
      query = "percentage-allocated_cpu"
      strategy "pass-through" {}
    }
    target "azure-vmss" {}
  }
}
`;
    const { entries, problems } = readPolicyFile(source, "bad.hcl");
    expect(entries).toEqual([]);
    expect(problems.map(formatPolicyProblem)).toEqual([
      expect.stringMatching(
        /^bad\.hcl:3:5: scaling "bad" policy evaluation_interval: "soon" is not a duration/,
      ),
      'bad.hcl:5:7: scaling "bad" policy check "p": source "prometheus" is not supported; only nomad-apm\'s allocated CPU and memory, which the autoscaler reads from its own snapshot',
      'bad.hcl:11:7: scaling "bad" policy check "q": strategy "pass-through" is not supported; use "target-value" or "threshold"',
      'bad.hcl:13:5: scaling "bad" policy target "azure-vmss": only "aws-asg" and "gce-mig" targets are supported',
    ]);
  });

  it("reports unknown fields and syntax errors with their place", () => {
    const { problems } = readPolicyFile(
      `scaling "x" {\n  mni = 1\n  policy {\n    target "aws-asg" { aws_asg_name = "a" }\n  }\n}\nscaling "y" {`,
      "x.hcl",
    );
    expect(problems.map(formatPolicyProblem)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^x\.hcl:2:3: scaling "x" has no field "mni"/)]),
    );
    expect(problems.length).toBeGreaterThan(1);
  });
});
