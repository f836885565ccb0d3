// Client settings, read from the same NOMAD_* variables the nomad CLI reads
// (Nomad's api.DefaultConfig), so a shell set up for `nomad job run` works
// unchanged for nomadkit.
import { inspect } from "node:util";
import type { RetryPolicy } from "./retry.js";

export interface TlsConfig {
  /** PEM file with the CA that signed Nomad's certificate (NOMAD_CACERT). */
  caCert?: string;
  /** Directory of PEM CA files (NOMAD_CAPATH). */
  caPath?: string;
  /** Client certificate PEM file, for mutual TLS (NOMAD_CLIENT_CERT). */
  clientCert?: string;
  /** Client key PEM file (NOMAD_CLIENT_KEY). */
  clientKey?: string;
  /** Name to check the server certificate against, e.g. `server.global.nomad` (NOMAD_TLS_SERVER_NAME). */
  serverName?: string;
  /** Turns off certificate verification (NOMAD_SKIP_VERIFY). Off by default; never use in production. */
  insecure?: boolean;
}

export interface NomadClientConfig {
  /** `http://127.0.0.1:4646` by default; `https://…` or `unix:///path/to/socket` also work (NOMAD_ADDR). */
  address?: string;
  /** ACL token sent as X-Nomad-Token (NOMAD_TOKEN). */
  token?: string;
  /** Default namespace for every request (NOMAD_NAMESPACE). */
  namespace?: string;
  /** Default region for every request (NOMAD_REGION). */
  region?: string;
  /** HTTP basic auth for a proxy in front of Nomad (NOMAD_HTTP_AUTH, `user:password`). */
  httpAuth?: { username: string; password?: string };
  tls?: TlsConfig;
  /** Per-request timeout in ms, on top of a blocking query's wait. Default 60 000. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

export const DEFAULT_ADDRESS = "http://127.0.0.1:4646";

/**
 * Reads NOMAD_ADDR, NOMAD_TOKEN, NOMAD_NAMESPACE, NOMAD_REGION, NOMAD_HTTP_AUTH,
 * NOMAD_CACERT, NOMAD_CAPATH, NOMAD_CLIENT_CERT, NOMAD_CLIENT_KEY,
 * NOMAD_TLS_SERVER_NAME and NOMAD_SKIP_VERIFY. Empty values count as unset,
 * as in Nomad. The result hides its secrets from console.log and JSON.stringify.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): NomadClientConfig {
  const get = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v === "" ? undefined : v;
  };
  const config: NomadClientConfig = {};
  const set = <K extends keyof NomadClientConfig>(key: K, value: NomadClientConfig[K] | undefined) => {
    if (value !== undefined) config[key] = value;
  };
  set("address", get("NOMAD_ADDR"));
  set("token", get("NOMAD_TOKEN"));
  set("namespace", get("NOMAD_NAMESPACE"));
  set("region", get("NOMAD_REGION"));

  const auth = get("NOMAD_HTTP_AUTH");
  if (auth !== undefined) {
    // Same split as Nomad: the first colon separates user and password.
    const i = auth.indexOf(":");
    set("httpAuth", i < 0 ? { username: auth } : { username: auth.slice(0, i), password: auth.slice(i + 1) });
  }

  const tls: TlsConfig = {};
  const tlsVars = [
    ["caCert", "NOMAD_CACERT"],
    ["caPath", "NOMAD_CAPATH"],
    ["clientCert", "NOMAD_CLIENT_CERT"],
    ["clientKey", "NOMAD_CLIENT_KEY"],
    ["serverName", "NOMAD_TLS_SERVER_NAME"],
  ] as const;
  for (const [key, name] of tlsVars) {
    const v = get(name);
    if (v !== undefined) tls[key] = v;
  }
  const skip = parseGoBool(get("NOMAD_SKIP_VERIFY"));
  if (skip !== undefined) tls.insecure = skip;
  if (Object.keys(tls).length > 0) config.tls = tls;
  return hideSecrets(config);
}

/** The environment's settings overridden by the ones given. */
export function resolveConfig(
  given: NomadClientConfig = {},
  env: NodeJS.ProcessEnv = process.env,
): NomadClientConfig {
  const fromEnv = configFromEnv(env);
  const tls = { ...fromEnv.tls, ...given.tls };
  // An explicit `undefined` (e.g. `{ token: opts.token }`) must not hide the environment's value.
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  return hideSecrets({
    ...fromEnv,
    ...defined,
    ...(Object.keys(tls).length > 0 ? { tls } : {}),
  });
}

/** strconv.ParseBool: an unparsable value leaves the setting alone, as Nomad does. */
function parseGoBool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (["1", "t", "T", "TRUE", "true", "True"].includes(v)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(v)) return false;
  return undefined;
}

/**
 * Makes console.log / util.inspect / JSON.stringify of a config print
 * `[redacted]` instead of the token and the basic-auth password. The values
 * stay readable as properties, so the config can still be passed around.
 */
export function hideSecrets(config: NomadClientConfig): NomadClientConfig {
  const view = (): Record<string, unknown> => ({
    ...config,
    ...(config.token !== undefined ? { token: "[redacted]" } : {}),
    ...(config.httpAuth?.password !== undefined
      ? { httpAuth: { ...config.httpAuth, password: "[redacted]" } }
      : {}),
  });
  Object.defineProperty(config, inspect.custom, {
    enumerable: false,
    value: (_depth: number, options: object) => inspect(view(), options),
  });
  Object.defineProperty(config, "toJSON", { enumerable: false, value: view });
  return config;
}
