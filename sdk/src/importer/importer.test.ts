import { describe, expect, it } from "vitest";
import { environmentOfFile, importEnvironments, importJobFiles } from "./index.js";

const job = (body: string) => ({ path: "web.nomad.hcl", source: body });

describe("importJobFiles", () => {
  it("converts driver values the way HCL does, and names services as Nomad does when the file doesn't", () => {
    const { files, errors } = importJobFiles([
      job(`job "web" {
  group "api" {
    service {
      port = "8080"
      tags = ["group"]
    }
    task "app" {
      driver = "docker"
      config {
        image      = "nginx:1.27"
        privileged = "true"
        shm_size   = "67108864"
      }
      service {
        tags = ["task"]
      }
    }
  }
}
`),
    ]);
    expect(errors).toEqual([]);
    const web = files[0]?.content ?? "";
    expect(web).toContain("privileged: true");
    expect(web).toContain("shmSize: 67108864");
    expect(web).toMatch(/new Service\(appTask, "web-api-app"/);
    expect(web).toMatch(/new Service\(apiGroup, "web-api"/);
    // Named as Nomad names them, so no escape hatch takes the names away again.
    expect(web).not.toContain("/Services/0/Name");
  });

  it("turns variables into a typed vars parameter that defaults to the file's values", () => {
    const { files, errors } = importJobFiles([
      job(`variable "image" {
  type    = string
  default = "nginx:1.27"
}
variable "replicas" {
  default = 2
}
locals {
  tag = "v3"
}
job "web" {
  group "web" {
    count = var.replicas
    task "app" {
      driver = "docker"
      config {
        image = var.image
        args  = ["--name", "web-\${var.image}", local.tag]
      }
    }
  }
}
`),
    ]);
    expect(errors).toEqual([]);
    const web = files[0]?.content ?? "";
    expect(web).toContain(
      "export interface WebJobVariables {\n  readonly image: string;\n  readonly replicas: number;\n  readonly tag: string;\n}",
    );
    expect(web).toContain(
      'export const webJobDefaults: WebJobVariables = { image: "nginx:1.27", replicas: 2, tag: "v3" };',
    );
    expect(web).toContain("vars: WebJobVariables = webJobDefaults");
    expect(web).toContain("count: vars.replicas");
    expect(web).toContain('args: ["--name", `web-${vars.image}`, vars.tag]');
    expect(web).toContain("image: vars.image");
  });

  it("keeps multi-line templates readable and refers to ports and volumes by object", () => {
    const { files } = importJobFiles([
      job(`job "db" {
  group "db" {
    network {
      port "pg" { static = 5432 }
    }
    volume "data" {
      type   = "host"
      source = "pg-data"
    }
    service {
      name = "pg"
      port = "pg"
      check {
        type     = "tcp"
        interval = "10s"
        timeout  = "2s"
      }
    }
    task "pg" {
      driver = "docker"
      config {
        image = "postgres:16"
        ports = ["pg"]
      }
      volume_mount {
        volume      = "data"
        destination = "/var/lib/postgresql/data"
      }
      template {
        destination = "local/pg.conf"
        data        = <<EOT
listen_addresses = '*'
port = {{ env "NOMAD_PORT_pg" }}
EOT
      }
    }
  }
}
`),
    ]);
    const db = files[0]?.content ?? "";
    expect(db).toContain('const pgPort = new Port(dbGroup, "pg", { static: 5432 });');
    expect(db).toContain(
      'const dataVolume = new Volume(dbGroup, "data", { type: "host", source: "pg-data" });',
    );
    expect(db).toContain('volumeMounts: [{ volume: dataVolume, destination: "/var/lib/postgresql/data" }]');
    expect(db).toContain("data: `listen_addresses = '*'\nport = {{ env \"NOMAD_PORT_pg\" }}\n`");
    expect(db).toContain('checks: [Check.tcp({ interval: "10s", timeout: "2s" })]');
    expect(db).not.toContain("addJsonPatch");
  });
});

describe("importEnvironments with var files", () => {
  it("merges one job file and a var file per environment into one job with typed values", () => {
    const result = importEnvironments([
      {
        path: "jobs/web.nomad.hcl",
        source: `variable "image" {
  type = string
}
variable "replicas" {
  type = number
}
job "web" {
  group "web" {
    count = var.replicas
    task "app" {
      driver = "docker"
      config {
        image = var.image
      }
    }
  }
}
`,
      },
      { path: "jobs/web.qa.vars.hcl", source: 'image = "web:2.0-rc1"\nreplicas = 1\n' },
      { path: "jobs/web.prod.vars.hcl", source: 'image = "web:1.9"\nreplicas = 4\n' },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.notes.filter((n) => n.includes("differ"))).toEqual([]);
    expect(result.environments).toEqual(["qa", "prod"]);
    expect(result.files.map((f) => f.path)).toEqual(["web.ts", "app.ts"]);
    const web = result.files[0]?.content ?? "";
    expect(web).toContain("count: values.webCount");
    expect(web).toContain("image: values.appDriverImage");
    const app = result.files[1]?.content ?? "";
    expect(app).toContain('webJob: { webCount: 4, appDriverImage: "web:1.9" }');
  });
});

describe("environmentOfFile", () => {
  it("reads the environment from the part before the extension", () => {
    expect(environmentOfFile("jobs/web.prod.nomad.hcl")).toEqual({ base: "web", env: "prod" });
    expect(environmentOfFile("web.qa.hcl")).toEqual({ base: "web", env: "qa" });
    expect(environmentOfFile("web.nomad.hcl")).toBeUndefined();
  });
});
