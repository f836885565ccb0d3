// Errors the Nomad client throws. Both kinds carry the request's method and
// path and never a secret: Nomad may echo parts of a request back in its error
// text, so every message goes through redact() with the client's secrets first.

const REDACTED = "[redacted]";

/** Replaces every occurrence of each secret (ACL token, basic-auth password) in text. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    // Very short values would blank out ordinary words; Nomad tokens are UUIDs.
    if (s.length >= 4) out = out.split(s).join(REDACTED);
  }
  return out;
}

/** Nomad answered with a non-2xx status. */
export class NomadApiError extends Error {
  override readonly name = "NomadApiError";
  /** HTTP status Nomad returned (403, 404, 409, 500, …). */
  readonly status: number;
  readonly method: string;
  /** Request path with its query string, e.g. `/v1/job/web?namespace=prod`. */
  readonly path: string;
  /** Nomad's own error text (its response body), secrets removed. */
  readonly nomadMessage: string;
  /**
   * The parsed JSON body when Nomad sent one with the error status, e.g. the
   * current variable on a check-and-set conflict.
   */
  readonly body: unknown;

  constructor(init: {
    status: number;
    method: string;
    path: string;
    nomadMessage: string;
    body?: unknown;
    secrets?: readonly string[];
  }) {
    const secrets = init.secrets ?? [];
    const nomadMessage = redact(init.nomadMessage.trim(), secrets);
    const path = redact(init.path, secrets);
    super(
      `Nomad ${init.method} ${path} failed with ${init.status}: ${nomadMessage || "(no message)"}${hint(init.status, nomadMessage)}`,
    );
    this.status = init.status;
    this.method = init.method;
    this.path = path;
    this.nomadMessage = nomadMessage;
    this.body = init.body;
  }

  /** 403: the token is missing, unknown, or lacks a capability. */
  get isPermissionDenied(): boolean {
    return this.status === 403;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /**
   * Someone else wrote first: a variable check-and-set (409) or a job
   * registered with a stale EnforceIndex, which Nomad reports as a 500 whose
   * text starts with "Enforcing job modify index".
   */
  get isConflict(): boolean {
    return this.status === 409 || this.nomadMessage.includes("Enforcing job modify index");
  }
}

/** No HTTP response: connection refused, DNS, TLS handshake, or the per-request timeout. */
export class NomadConnectionError extends Error {
  override readonly name = "NomadConnectionError";
  readonly method: string;
  readonly path: string;
  /** Node's error code (ECONNREFUSED, ETIMEDOUT, CERT_HAS_EXPIRED, …) when there is one. */
  readonly code: string | undefined;

  constructor(init: {
    method: string;
    path: string;
    address: string;
    cause: unknown;
    secrets?: readonly string[];
  }) {
    const secrets = init.secrets ?? [];
    const causeText = init.cause instanceof Error ? init.cause.message : String(init.cause);
    const code = (init.cause as { code?: unknown } | undefined)?.code;
    const path = redact(init.path, secrets);
    super(
      redact(`Could not reach Nomad at ${init.address} (${init.method} ${path}): ${causeText}`, secrets) +
        connectionHint(typeof code === "string" ? code : undefined),
    );
    this.method = init.method;
    this.path = path;
    this.code = typeof code === "string" ? code : undefined;
    // The cause is kept only as text: Node's socket errors can hold the request
    // options, and with them the token header.
  }
}

function hint(status: number, message: string): string {
  if (status === 403) return " (check NOMAD_TOKEN: the request needs an ACL token with the right policy)";
  if (status === 500 && message.includes("Enforcing job modify index")) {
    return " (the job changed since it was read; plan again and retry)";
  }
  return "";
}

function connectionHint(code: string | undefined): string {
  if (code === "ECONNREFUSED") return " (is the Nomad agent running, and is NOMAD_ADDR right?)";
  if (code && /CERT|SSL|TLS|VERIFY|SIGNATURE|ISSUER|EPROTO/.test(code))
    return " (check NOMAD_CACERT / NOMAD_TLS_SERVER_NAME)";
  return "";
}
