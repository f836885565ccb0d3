import type { ResourcesSpec, SidecarTaskSpec } from "../schema/specs.generated.js";
import { Driver } from "./drivers.js";
import type { Group } from "./group.js";
import type { ConnectProps, Service, Upstream } from "./service.js";
import { Task, type TaskProps } from "./task.js";

/** A task's props without its lifecycle: the helper sets it. */
export type SidecarTaskProps = Omit<TaskProps, "lifecycle">;

export interface LogShipperProps {
  /** The task whose logs are shipped. It becomes the group's leader. */
  readonly main: Task;
  /** Defaults to "log-shipper". */
  readonly name?: string;
  /** Defaults to promtail. */
  readonly image?: string;
  /**
   * The shipper's config (written to `local/promtail.yaml`), or `{ lokiUrl }` for a
   * promtail config that tails the main task's `alloc/logs/<task>.stdout.*` and `.stderr.*`.
   */
  readonly config: string | { readonly lokiUrl: string };
  readonly resources?: ResourcesSpec;
  /** The shipper's environment (a Secret value is rendered at run time, as for any task). */
  readonly env?: TaskProps["env"];
}

export interface ConnectProxyProps {
  /** Services this one calls, by object (or Consul name), each on its own local port. */
  readonly upstreams?: ReadonlyArray<{ readonly service: Service | string; readonly localBindPort: number }>;
  /** Overrides for the task Nomad injects for the Envoy proxy (resources, image …). */
  readonly sidecarTask?: SidecarTaskSpec;
  /** Extra upstream settings, such as datacenter or mesh gateway mode. */
  readonly upstreamDefaults?: Omit<Upstream, "destination" | "localBindPort">;
}

const PROMTAIL_IMAGE = "grafana/promtail:3.1.1";

/**
 * Helpers for the task patterns groups use over and over. Each sets lifecycle and
 * leader the way the pattern needs, and refers to the main task by object.
 */
export const Sidecar = {
  /**
   * A log shipper (promtail by default) reading the main task's logs from the shared
   * `alloc/logs` directory. It starts before the main task so no line is missed, runs
   * beside it, and stops when the main task (now the leader) exits.
   */
  logShipper(group: Group, props: LogShipperProps): Task {
    const { main, name = "log-shipper", image = PROMTAIL_IMAGE, config, resources, env } = props;
    // A JavaScript caller may pass something else as main: synth reports it (task.serves).
    if (main instanceof Task) main.leader = true;
    const task = new Task(group, name, {
      lifecycle: { hook: "prestart", sidecar: true },
      driver: Driver.docker({ image, args: ["-config.file=/local/promtail.yaml"] }),
      template: [
        {
          destination: "local/promtail.yaml",
          data: typeof config === "string" ? config : promtailConfig(main.id, config.lokiUrl),
        },
      ],
      resources: resources ?? { cpu: 50, memory: 64 },
      ...(env ? { env } : {}),
    });
    task.serves = main;
    return task;
  },

  /** A task that runs to completion before the main tasks start (migrations, config fetch). */
  init(group: Group, name: string, props: SidecarTaskProps): Task {
    return new Task(group, name, { ...props, lifecycle: { hook: "prestart", sidecar: false } });
  },

  /** A task that starts once the main tasks run and keeps running beside them. */
  poststart(group: Group, name: string, props: SidecarTaskProps): Task {
    return new Task(group, name, { ...props, lifecycle: { hook: "poststart", sidecar: true } });
  },

  /** A task that runs once the main tasks have stopped (flush, deregister). */
  poststop(group: Group, name: string, props: SidecarTaskProps): Task {
    return new Task(group, name, { ...props, lifecycle: { hook: "poststop", sidecar: false } });
  },

  /**
   * `connect { sidecar_service { … } }` for a Service: an Envoy proxy Nomad injects, with
   * upstreams by Service object. The group's network must be in bridge mode.
   */
  connectProxy(props: ConnectProxyProps = {}): ConnectProps {
    const upstreams = (props.upstreams ?? []).map(
      ({ service, localBindPort }): Upstream => ({
        ...props.upstreamDefaults,
        destination: service,
        localBindPort,
      }),
    );
    return {
      sidecarService: upstreams.length > 0 ? { proxy: { upstreams } } : {},
      ...(props.sidecarTask ? { sidecarTask: props.sidecarTask } : {}),
    };
  },
};

/** A promtail config tailing one task's stdout/stderr files in alloc/logs. */
function promtailConfig(task: string, lokiUrl: string): string {
  return `server:
  http_listen_port: 0
  grpc_listen_port: 0
positions:
  filename: /alloc/data/promtail-positions.yaml
clients:
  - url: ${lokiUrl}
scrape_configs:
  - job_name: ${task}
    static_configs:
      - targets: [localhost]
        labels:
          job: {{ env "NOMAD_JOB_NAME" }}
          task: ${task}
          alloc: {{ env "NOMAD_ALLOC_ID" }}
          __path__: /alloc/logs/${task}.std*.*
`;
}
