// The Compute fake's wire: Google's error body, list paging and filters, request bodies, and
// the OAuth token endpoint that lets a process reach the fake through Application Default
// Credentials. gce-fake.ts holds the resources.
import type { IncomingMessage, ServerResponse } from "node:http";

export type Json = Record<string, unknown>;

// Not secrets: fixed values only this fake accepts.
const CLIENT_ID = "nomadkit-fake-client";
const CLIENT_SECRET = "nomadkit-fake-client-secret";
const REFRESH_TOKEN = "nomadkit-fake-refresh-token";

const STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ALREADY_EXISTS",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

export class HttpError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export function send(res: ServerResponse, code: number, body: unknown) {
  res.writeHead(code, { "content-type": "application/json; charset=UTF-8" });
  res.end(JSON.stringify(body));
}

export function sendError(res: ServerResponse, e: HttpError) {
  send(res, e.code, {
    error: {
      code: e.code,
      message: e.message,
      errors: [{ message: e.message, domain: "global", reason: e.reason }],
      status: STATUS[e.code] ?? "UNKNOWN",
    },
  });
}

/** GCE filter expressions, the subset used: clauses `field = "value"` joined by AND/spaces. */
export function matchesFilter(resource: Json, filter: string | null): boolean {
  if (!filter) return true;
  const clauses = [...filter.matchAll(/\(?\s*([a-zA-Z0-9_.-]+)\s*(=|eq)\s*"?([^")\s]*)"?\s*\)?/g)];
  if (clauses.length === 0)
    throw new HttpError(400, "invalid", `Invalid value for field 'filter': '${filter}'.`);
  return clauses.every(([, field, , value]) => {
    const f = field ?? "";
    if (f.startsWith("labels.")) return (resource.labels as Json | undefined)?.[f.slice(7)] === value;
    if (f === "tags.items")
      return (
        ((resource.tags as Json | undefined)?.items as string[] | undefined)?.includes(value ?? "") ?? false
      );
    if (f === "name") return resource.name === value;
    if (f === "status") return resource.status === value;
    throw new HttpError(
      400,
      "invalid",
      `Invalid value for field 'filter': '${filter}'. Invalid list filter expression.`,
    );
  });
}

export function page<T>(all: readonly T[], q: URLSearchParams): { items: T[]; nextPageToken?: string } {
  const max = Math.min(Number(q.get("maxResults") ?? 500) || 500, 500);
  const start = Number(q.get("pageToken") ?? 0);
  const items = all.slice(start, start + max);
  return start + max < all.length ? { items, nextPageToken: String(start + max) } : { items };
}

async function rawBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function body(req: IncomingMessage): Promise<Json> {
  const text = new TextDecoder().decode(await rawBody(req));
  return text ? (JSON.parse(text) as Json) : {};
}

/** POST /token with a refresh-token grant, as Google's token endpoint answers it. */
export async function issueToken(req: IncomingMessage, res: ServerResponse, token: string) {
  const form = new URLSearchParams(new TextDecoder().decode(await rawBody(req)));
  const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`;
  if (form.get("grant_type") !== "refresh_token" || form.get("refresh_token") !== REFRESH_TOKEN)
    return send(res, 400, { error: "invalid_grant", error_description: "Bad refresh token" });
  if (req.headers.authorization !== basic)
    return send(res, 401, { error: "invalid_client", error_description: "Bad client" });
  return send(res, 200, { access_token: token, expires_in: 3600, token_type: "Bearer" });
}

/**
 * A credentials file for GOOGLE_APPLICATION_CREDENTIALS that gets a token from the fake:
 * external_account_authorized_user is the one ADC file type whose token endpoint
 * google-auth-library takes from the file (a service account's token_uri is not used).
 */
export function adcCredentials(port: number): Record<string, string> {
  return {
    type: "external_account_authorized_user",
    audience: "//iam.googleapis.com/locations/global/workforcePools/nomadkit-test/providers/fake",
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    refresh_token: REFRESH_TOKEN,
    token_url: `http://127.0.0.1:${port}/token`,
  };
}
