import type {
  DockerDriverConfig,
  ExecDriverConfig,
  JavaDriverConfig,
  QemuDriverConfig,
  RawExecDriverConfig,
} from "../schema/specs.generated.js";
import type { Port } from "./port.js";

/** A task's driver and its `config` body. Make one with the `Driver` helpers. */
export interface TaskDriver {
  readonly name: string;
  /** Config keyed like the generated driver specs (camelCase), or raw for custom drivers. */
  readonly config: Record<string, unknown>;
  /** Ports the config refers to by object (docker `ports`, qemu `port_map` …). */
  readonly ports: readonly Port[];
  /** False for custom drivers: their config is passed through unchecked. */
  readonly typed: boolean;
}

export type DockerConfig = Omit<DockerDriverConfig, "ports"> & { ports?: Port[] };

export const Driver = {
  docker(config: DockerConfig): TaskDriver {
    const { ports, ...rest } = config;
    return {
      name: "docker",
      config: ports ? { ...rest, ports: ports.map((p) => p.label) } : rest,
      ports: ports ?? [],
      typed: true,
    };
  },
  exec(config: ExecDriverConfig): TaskDriver {
    return { name: "exec", config: { ...config }, ports: [], typed: true };
  },
  rawExec(config: RawExecDriverConfig): TaskDriver {
    return { name: "raw_exec", config: { ...config }, ports: [], typed: true };
  },
  java(config: JavaDriverConfig): TaskDriver {
    return { name: "java", config: { ...config }, ports: [], typed: true };
  },
  qemu(config: QemuDriverConfig): TaskDriver {
    return { name: "qemu", config: { ...config }, ports: [], typed: true };
  },
  /**
   * The escape hatch for drivers the schema doesn't describe (podman, containerd, …):
   * `config` is written as given, with HCL/API key names (snake_case), unchecked.
   */
  custom(name: string, config: Record<string, unknown>): TaskDriver {
    return { name, config, ports: [], typed: false };
  },
};
