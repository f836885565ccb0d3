import type { Command } from "commander";
import { NomadApiError, NomadConnectionError } from "../api/errors.js";
import { NomadClient } from "../api/index.js";
import { UserError } from "./load-app.js";

export interface ConnectionOptions {
  address?: string;
  namespace?: string;
  region?: string;
}

/** The flags every cluster command takes; NOMAD_ADDR, NOMAD_TOKEN, … fill in the rest. */
export function withConnectionOptions(command: Command): Command {
  return command
    .option("--address <url>", "Nomad HTTP API address (default: NOMAD_ADDR or http://127.0.0.1:4646)")
    .option("--namespace <name>", "namespace (default: NOMAD_NAMESPACE or the job's own)")
    .option("--region <name>", "region (default: NOMAD_REGION)");
}

export function connect(options: ConnectionOptions): NomadClient {
  return new NomadClient({
    ...(options.address ? { address: options.address } : {}),
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.region ? { region: options.region } : {}),
  });
}

/**
 * Runs a cluster command, turning Nomad's answers (403, 404, connection refused …) into
 * a one-line message. The token is never part of these messages.
 */
export async function withCluster<T>(
  options: ConnectionOptions,
  run: (client: NomadClient) => Promise<T>,
): Promise<T> {
  const client = connect(options);
  try {
    return await run(client);
  } catch (error) {
    if (error instanceof NomadApiError) {
      const hint = error.status === 403 ? ": set NOMAD_TOKEN to a token whose policy allows this" : "";
      throw new UserError(`${error.message}${hint}`);
    }
    if (error instanceof NomadConnectionError) {
      throw new UserError(error.message);
    }
    throw error;
  } finally {
    client.close();
  }
}
