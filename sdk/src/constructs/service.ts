import type { DurationLike } from "../schema/duration.js";
import type {
  CheckRestartSpec,
  ConsulConnectSpec,
  ConsulProxySpec,
  ConsulSidecarServiceSpec,
  ConsulUpstreamSpec,
  ServiceCheckSpec,
  ServiceSpec,
} from "../schema/specs.generated.js";
import { Construct } from "./construct.js";
import type { Group } from "./group.js";
import type { Port } from "./port.js";
import type { Task } from "./task.js";

/** What every kind of check takes. */
export type CheckProps = Omit<
  ServiceCheckSpec,
  "type" | "port" | "task" | "checkRestart" | "interval" | "timeout"
> & {
  readonly interval: DurationLike;
  readonly timeout: DurationLike;
  /** Defaults to the service's port. */
  readonly port?: Port;
  readonly checkRestart?: CheckRestartSpec;
};

/** A health check. Build one with `Check.http`, `Check.tcp`, `Check.grpc` or `Check.script`. */
export interface Check {
  readonly type: "http" | "tcp" | "grpc" | "script";
  readonly spec: Omit<ServiceCheckSpec, "port" | "task">;
  readonly port?: Port;
  /** The task a script check runs in (group services only). */
  readonly task?: Task;
}

export type HttpCheckProps = CheckProps & { readonly path: string };
export type ScriptCheckProps = CheckProps & { readonly command: string; readonly task?: Task };

function check(type: Check["type"], props: CheckProps & { task?: Task }): Check {
  const { port, task, ...spec } = props;
  return { type, spec: { ...spec, type }, ...(port ? { port } : {}), ...(task ? { task } : {}) };
}

export const Check = {
  http: (props: HttpCheckProps): Check => check("http", props),
  tcp: (props: CheckProps): Check => check("tcp", props),
  grpc: (props: CheckProps): Check => check("grpc", props),
  script: (props: ScriptCheckProps): Check => check("script", props),
};

/** An upstream the Connect sidecar exposes on localhost. */
export interface Upstream extends Omit<ConsulUpstreamSpec, "destinationName"> {
  /** The service to reach: a Service object from this app, or a Consul service name. */
  readonly destination: Service | string;
  readonly localBindPort: number;
}

export interface ConnectProps extends Omit<ConsulConnectSpec, "sidecarService"> {
  readonly sidecarService?: Omit<ConsulSidecarServiceSpec, "proxy"> & {
    readonly proxy?: Omit<ConsulProxySpec, "upstreams"> & { readonly upstreams?: readonly Upstream[] };
  };
}

/**
 * Where Prometheus scrapes the service (the "ServiceMonitor" case). Synth writes it as
 * the tags and meta Prometheus' Consul and Nomad service discovery expose; a port other
 * than the service's gets its own `<service>-metrics` registration.
 */
export interface MetricsEndpoint {
  /** Defaults to the service's port. */
  readonly port?: Port;
  /** Defaults to "/metrics". */
  readonly path?: string;
}

export interface ServiceProps extends Omit<ServiceSpec, "name" | "port" | "check" | "connect" | "taskName"> {
  /** The port the service advertises. */
  readonly port?: Port;
  readonly checks?: readonly Check[];
  readonly connect?: ConnectProps;
  /**
   * A service that takes traffic must have a health check, so nothing reaches an
   * allocation before it is ready. Opting out takes a reason, kept in review.
   */
  readonly withoutHealthCheck?: { readonly reason: string };
  /** The service's metrics endpoint, for Prometheus service discovery. */
  readonly metrics?: MetricsEndpoint;
}

/** A service registered in Nomad's or Consul's catalog, on a group or a task. */
export class Service extends Construct {
  constructor(
    readonly owner: Group | Task,
    readonly name: string,
    readonly props: ServiceProps = {},
  ) {
    super("service", owner, name);
  }
}
