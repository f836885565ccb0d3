// Starts the bundled language server (dist/server.cjs) over stdio and keeps the nomadkit.*
// settings flowing to it. The server's stderr and log messages go to one output channel.
import { join } from "node:path";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node.js";
import type { LanguageServerCluster } from "./cluster/connection.js";
import { LANGUAGE_IDS, languageKinds } from "./languages.js";
import { withCleanExit } from "./server-log.js";

export interface ServerSettings {
  targetNomadVersion?: string;
  fileKinds: Record<string, string>;
  diagnosticsDelay: number;
  languageKinds: Record<string, string>;
  /** Absent when no cluster address is set: the server then makes no request. */
  cluster?: LanguageServerCluster;
}

/** What the server is told, read from the nomadkit.* settings and the resolved cluster connection. */
export function serverSettings(
  config: vscode.WorkspaceConfiguration,
  cluster?: LanguageServerCluster,
): ServerSettings {
  const version = config.get<string>("targetNomadVersion", "");
  return {
    ...(version ? { targetNomadVersion: version } : {}),
    fileKinds: config.get<Record<string, string>>("fileKinds", {}),
    diagnosticsDelay: config.get<number>("diagnosticsDelay", 150),
    languageKinds: languageKinds(),
    // The token goes in the server's environment (createClient), never in a message a
    // protocol trace would show.
    ...(cluster ? { cluster: withoutToken(cluster) } : {}),
  };
}

function withoutToken(cluster: LanguageServerCluster): LanguageServerCluster {
  const { token: _token, ...rest } = cluster;
  return rest;
}

/** The environment variable the server reads the cluster's ACL token from. */
export const SERVER_TOKEN_ENV = "NOMADKIT_CLUSTER_TOKEN";

export function createClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  /** The cluster connection as last resolved (its token comes from SecretStorage, asynchronously). */
  cluster: () => LanguageServerCluster | undefined = () => undefined,
): LanguageClient {
  const custom = vscode.workspace.getConfiguration("nomadkit").get<string>("server.path", "");
  const module = custom || context.asAbsolutePath(join("dist", "server.cjs"));
  const token = cluster()?.token;
  const env = { ...process.env, [SERVER_TOKEN_ENV]: token ?? "" };
  const run = { module, transport: TransportKind.stdio, options: { env } };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGE_IDS.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    initializationOptions: () => ({
      settings: serverSettings(vscode.workspace.getConfiguration("nomadkit"), cluster()),
    }),
    // A restart's clean exit is not an error (the client logs every exit as one).
    outputChannel: withCleanExit(output),
  };
  return new LanguageClient("nomadkit", "Nomad Language Server", serverOptions, clientOptions);
}

/** Settings changed: send the server the resolved form (with languageKinds), not the raw section. */
export async function pushSettings(client: LanguageClient, cluster?: LanguageServerCluster): Promise<void> {
  if (!client.isRunning()) return;
  await client.sendNotification(DidChangeConfigurationNotification.type, {
    settings: { nomadkit: serverSettings(vscode.workspace.getConfiguration("nomadkit"), cluster) },
  });
}
