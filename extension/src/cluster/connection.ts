// The NomadClient the commands use: nomadkit.cluster.* settings over the NOMAD_* environment,
// and the ACL token from VS Code's SecretStorage (never from settings, never logged).

import type { NomadClient, NomadClientConfig, TlsConfig } from "nomadkit/api";
import * as vscode from "vscode";

const TOKEN_KEY = "nomadkit.cluster.token";

/** The cluster the language server reads for completion, the plan lens and constraint warnings. */
export interface LanguageServerCluster {
  address: string;
  token?: string;
  namespace?: string;
  region?: string;
  tls?: TlsConfig;
}

export class ClusterConnection {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async token(): Promise<string | undefined> {
    return (await this.secrets.get(TOKEN_KEY)) || process.env.NOMAD_TOKEN || undefined;
  }

  async setToken(token: string | undefined): Promise<void> {
    if (token) await this.secrets.store(TOKEN_KEY, token);
    else await this.secrets.delete(TOKEN_KEY);
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((e) => {
      if (e.key === TOKEN_KEY) listener();
    });
  }

  async client(): Promise<{ nomad: NomadClient; token: string | undefined; namespace: string | undefined }> {
    const c = vscode.workspace.getConfiguration("nomadkit.cluster");
    const str = (key: string) => c.get<string>(key, "") || undefined;
    const token = await this.token();
    const config: NomadClientConfig = { timeoutMs: this.timeoutSeconds() * 1000 };
    const address = str("address");
    const namespace = str("namespace");
    const region = str("region");
    if (address) config.address = address;
    if (namespace) config.namespace = namespace;
    if (region) config.region = region;
    if (token) config.token = token;
    const tls = { caCert: str("caCert"), clientCert: str("clientCert"), clientKey: str("clientKey") };
    if (tls.caCert || tls.clientCert || tls.clientKey)
      config.tls = Object.fromEntries(Object.entries(tls).filter(([, v]) => v)) as NomadClientConfig["tls"];
    // Loaded on first use: the API client is not needed to activate the extension.
    const { NomadClient } = await import("nomadkit/api");
    return { nomad: new NomadClient(config), token, namespace: namespace ?? process.env.NOMAD_NAMESPACE };
  }

  /**
   * What the language server is told: only an address set in nomadkit.cluster.address turns the
   * connected features on (never NOMAD_ADDR alone), so without one the server asks no cluster.
   */
  async languageServerCluster(): Promise<LanguageServerCluster | undefined> {
    const c = vscode.workspace.getConfiguration("nomadkit.cluster");
    const address = c.get<string>("address", "").trim();
    if (!address) return undefined;
    const str = (key: string) => c.get<string>(key, "") || undefined;
    const token = await this.token();
    const tls = { caCert: str("caCert"), clientCert: str("clientCert"), clientKey: str("clientKey") };
    const given = Object.fromEntries(Object.entries(tls).filter(([, v]) => v)) as TlsConfig;
    return {
      address,
      ...(token ? { token } : {}),
      ...(str("namespace") ? { namespace: str("namespace") } : {}),
      ...(str("region") ? { region: str("region") } : {}),
      ...(Object.keys(given).length > 0 ? { tls: given } : {}),
    };
  }

  /** How long a command waits for the cluster to answer (nomadkit.cluster.timeoutSeconds). */
  timeoutSeconds(): number {
    const seconds = vscode.workspace.getConfiguration("nomadkit.cluster").get<number>("timeoutSeconds", 10);
    return Number.isFinite(seconds) && seconds > 0 ? seconds : 10;
  }

  uiAddress(nomad: NomadClient): string {
    return (
      vscode.workspace.getConfiguration("nomadkit.cluster").get<string>("uiAddress", "") || nomad.address
    );
  }
}
