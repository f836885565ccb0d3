// A small HTTP proxy in front of moto that answers chosen AWS Query-protocol actions with an
// error instead of passing them on: throttling (which moto can't do) to test backoff, and
// quota or permission errors to test the messages. Everything else goes to moto untouched.
import { createServer, type Server } from "node:http";

export interface Fault {
  /** The Query action (`CreateAutoScalingGroup`), or "*" for any. */
  readonly action: string;
  /** Only requests whose form body contains this text (a group name, say). */
  readonly bodyIncludes?: string;
  readonly code: string;
  readonly message?: string;
  readonly status?: number;
  /** How many matching requests fail; then they pass (default: all). */
  times?: number;
}

export interface FaultProxy {
  readonly endpoint: string;
  readonly faults: Fault[];
  /** Requests answered with a fault, by action. */
  readonly injected: Map<string, number>;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string, faults: Fault[] = []): Promise<FaultProxy> {
  const injected = new Map<string, number>();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const text = body.toString("utf8");
    const action = new URLSearchParams(text).get("Action") ?? "";
    const fault = faults.find(
      (f) =>
        (f.action === "*" || f.action === action) &&
        (f.bodyIncludes === undefined ||
          text.includes(encodeURIComponent(f.bodyIncludes)) ||
          text.includes(f.bodyIncludes)) &&
        (f.times === undefined || f.times > 0),
    );
    if (fault) {
      if (fault.times !== undefined) fault.times--;
      injected.set(action, (injected.get(action) ?? 0) + 1);
      const ec2 = (req.headers.host ?? "").length > 0 && /Version=2016-11-15/.test(text);
      const message = fault.message ?? `${fault.code} (injected by the test proxy)`;
      const xml = ec2
        ? `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${fault.code}</Code><Message>${message}</Message></Error></Errors><RequestID>proxy</RequestID></Response>`
        : `<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>${fault.code}</Code><Message>${message}</Message></Error><RequestId>proxy</RequestId></ErrorResponse>`;
      res.writeHead(fault.status ?? 400, { "content-type": "text/xml" });
      res.end(xml);
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === "string" && k !== "host") headers[k] = v;
    const upstream = await fetch(`${target}${req.url ?? "/"}`, {
      method: req.method,
      headers,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
    });
    const out = Buffer.from(await upstream.arrayBuffer());
    const outHeaders: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(k))
        outHeaders[k] = v;
    });
    res.writeHead(upstream.status, { ...outHeaders, "content-length": String(out.length) });
    res.end(out);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    faults,
    injected,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
