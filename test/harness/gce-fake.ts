// A fake of the Compute Engine REST API (v1), for exactly the calls the GCP provisioner,
// its node groups and auto-join make: instance templates, regional managed instance groups
// (resize, setInstanceTemplate, deleteInstances, listManagedInstances), instances (zonal and
// aggregated lists), global and regional operations. Operations go PENDING → RUNNING → DONE
// over `opDelayMs` and take effect when DONE; a MIG's new instances then boot for `bootMs`
// (status STAGING, currentAction CREATING) before they run. Errors, paging, filters and the
// OAuth token endpoint for Application Default Credentials are in gce-fake-wire.ts.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  adcCredentials,
  body,
  HttpError,
  issueToken,
  type Json,
  matchesFilter,
  page,
  send,
  sendError,
} from "./gce-fake-wire.js";

// The sizes GCE publishes for the machine types the tests use; every zone offers them.
const MACHINE_ZONES = [
  "europe-west1-a",
  "europe-west1-b",
  "europe-west1-c",
  "us-central1-a",
  "us-central1-b",
];
const MACHINE_TYPES: Record<string, { cpus: number; memoryMb: number; gpu?: string }> = {
  "e2-small": { cpus: 2, memoryMb: 2048 },
  "e2-standard-2": { cpus: 2, memoryMb: 8192 },
  "n2-standard-2": { cpus: 2, memoryMb: 8192 },
  "n2-standard-4": { cpus: 4, memoryMb: 16384 },
  "g2-standard-4": { cpus: 4, memoryMb: 16384, gpu: "nvidia-l4" },
};

export { matchesFilter } from "./gce-fake-wire.js";

export interface GceFake {
  readonly port: number;
  readonly token: string;
  /** A credentials file's content for GOOGLE_APPLICATION_CREDENTIALS that gets `token` here. */
  adcCredentials(): Record<string, string>;
  /** Non-GET requests other than operation polls, by "METHOD kind". */
  readonly mutations: string[];
  readonly requests: string[];
  /** MIG inserts whose template has this machine type finish with QUOTA_EXCEEDED. */
  quotaMachineTypes: Set<string>;
  /** The next `count` requests matching `match` ("METHOD /path") get this HTTP error. */
  failNext(match: RegExp, count: number, code: number, reason: string): void;
  /**
   * The operation of the next request matching `match` ("METHOD /path") finishes DONE with
   * this error (QUOTA_EXCEEDED, ZONE_RESOURCE_POOL_EXHAUSTED, …) and changes nothing.
   */
  failOperation(match: RegExp, code: string, message: string): void;
  state(): { templates: number; groups: number; instances: Json[] };
  /** Every instance still booting is RUNNING now (tests that mustn't race the clock). */
  finishBooting(): void;
  stop(): Promise<void>;
}

export async function startGceFake(options: { opDelayMs?: number; bootMs?: number } = {}): Promise<GceFake> {
  const delay = options.opDelayMs ?? 60;
  const bootMs = options.bootMs ?? 0;
  // Instance name → when it finishes booting / is being deleted by an operation.
  const booting = new Map<string, number>();
  const deleting = new Map<string, Json>(); // name → the deleteInstances operation
  const opFaults: { match: RegExp; code: string; message: string }[] = [];
  const token = "fake-gce-token";
  const base = "https://www.googleapis.com/compute/v1/projects";
  const templates = new Map<string, Json>();
  const groups = new Map<string, Json>(); // region/name
  const instances = new Map<string, Json>(); // name
  const ops = new Map<string, Json>();
  const faults: { match: RegExp; count: number; code: number; reason: string }[] = [];
  const mutations: string[] = [];
  const requests: string[] = [];
  let seq = 0;
  let ip = 10;

  function settle() {
    const now = Date.now();
    // A failed deleteInstances leaves its instances as they were.
    for (const [name, op] of deleting) if (op.status === "DONE") deleting.delete(name);
    for (const [name, readyAt] of booting)
      if (readyAt <= now) {
        booting.delete(name);
        const i = instances.get(name);
        if (i) i.status = "RUNNING";
      }
  }

  function newOperation(
    request: string,
    project: string,
    region: string | undefined,
    type: string,
    target: string,
    apply: () => unknown,
  ) {
    const k = opFaults.findIndex((f) => f.match.test(request));
    const fault = k >= 0 ? opFaults.splice(k, 1)[0] : undefined;
    const effect = fault ? () => [{ code: fault.code, message: fault.message }] : apply;
    const name = `operation-${Date.now()}-${++seq}`;
    const op: Json = {
      kind: "compute#operation",
      id: String(seq),
      name,
      operationType: type,
      targetLink: target,
      status: "PENDING",
      progress: 0,
      insertTime: new Date().toISOString(),
      selfLink: `${base}/${project}/${region ? `regions/${region}` : "global"}/operations/${name}`,
      ...(region ? { region: `${base}/${project}/regions/${region}` } : {}),
    };
    ops.set(name, op);
    setTimeout(() => {
      op.status = "RUNNING";
      op.startTime = new Date().toISOString();
    }, delay / 2);
    setTimeout(() => {
      const errors = effect();
      op.status = "DONE";
      op.progress = 100;
      op.endTime = new Date().toISOString();
      if (Array.isArray(errors) && errors.length > 0) {
        op.error = { errors };
        op.httpErrorStatusCode = 403;
        op.httpErrorMessage = "FORBIDDEN";
      }
    }, delay);
    return op;
  }

  function groupView(g: Json): Json {
    const members = g.members as string[];
    const creating = (g.pending as number) + members.filter((n) => booting.has(n)).length;
    const removing = members.filter((n) => deleting.has(n)).length;
    return {
      ...g,
      currentActions: {
        none: (g.pending as number) > 0 ? 0 : members.length - creating - removing,
        creating,
        deleting: removing,
        recreating: 0,
        restarting: 0,
        abandoning: 0,
        refreshing: 0,
        verifying: 0,
        creatingWithoutRetries: 0,
      },
      status: { isStable: creating === 0 && removing === 0 },
      members: undefined,
      pending: undefined,
    };
  }

  function scale(g: Json, region: string, size: number) {
    const members = g.members as string[];
    const template = templates.get(String(g.instanceTemplate).split("/").pop() ?? "");
    const props = (template?.properties ?? {}) as Json;
    while (members.length > size) {
      const name = members.pop() ?? "";
      instances.delete(name);
    }
    const zones = ["a", "b", "c"].map((z) => `${region}-${z}`);
    while (members.length < size) {
      const zone = zones[members.length % 3] ?? "";
      const name = `${g.baseInstanceName}-${(++seq).toString(36).padStart(4, "0")}`;
      const project = String(g.selfLink).split("/")[6] ?? "";
      if (bootMs > 0) booting.set(name, Date.now() + bootMs);
      instances.set(name, {
        kind: "compute#instance",
        id: String(seq),
        creationTimestamp: new Date().toISOString(),
        name,
        zone: `${base}/${project}/zones/${zone}`,
        machineType: `${base}/${project}/zones/${zone}/machineTypes/${props.machineType}`,
        status: bootMs > 0 ? "STAGING" : "RUNNING",
        labels: { ...((props.labels as Json) ?? {}) },
        tags: { items: [...(((props.tags as Json)?.items as string[]) ?? [])], fingerprint: "x" },
        metadata: props.metadata,
        networkInterfaces: [
          {
            name: "nic0",
            network: (props.networkInterfaces as Json[] | undefined)?.[0]?.network,
            networkIP: `10.128.0.${ip++}`,
          },
        ],
        selfLink: `${base}/${project}/zones/${zone}/instances/${name}`,
      });
      members.push(name);
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const q = url.searchParams;
    const method = req.method ?? "GET";
    requests.push(`${method} ${url.pathname}`);
    if (url.pathname === "/token" && method === "POST") return issueToken(req, res, token);
    if (req.headers.authorization !== `Bearer ${token}`)
      throw new HttpError(401, "authError", "Request is missing required authentication credential.");
    const fault = faults.find((f) => f.count > 0 && f.match.test(`${method} ${url.pathname}`));
    if (fault) {
      fault.count--;
      throw new HttpError(fault.code, fault.reason, `Injected ${fault.reason}`);
    }
    settle();
    const here = `${method} ${url.pathname}`;
    const operation = (...a: [string, string | undefined, string, string, () => unknown]) =>
      newOperation(here, ...a);
    const m = url.pathname.match(/^\/compute\/v1\/projects\/([^/]+)\/(.*)$/);
    if (!m) throw new HttpError(404, "notFound", `The requested URL ${url.pathname} was not found.`);
    const project = m[1] ?? "";
    const rest = (m[2] ?? "").split("/");
    const isOpPoll = rest.includes("operations");
    if (method !== "GET" && !isOpPoll)
      mutations.push(`${method} ${rest.filter((_, i) => i % 2 === 0 || i === rest.length - 1).join("/")}`);

    // Operations.
    if (rest[0] === "global" && rest[1] === "operations" && rest[2]) return getOp(rest[2]);
    if (rest[0] === "regions" && rest[2] === "operations" && rest[3]) return getOp(rest[3]);
    function getOp(name: string) {
      const op = ops.get(name);
      if (!op)
        throw new HttpError(
          404,
          "notFound",
          `The resource 'projects/${project}/global/operations/${name}' was not found`,
        );
      return send(res, 200, op);
    }

    // Instance templates.
    if (rest[0] === "global" && rest[1] === "instanceTemplates") {
      const name = rest[2];
      if (!name && method === "GET") {
        const all = [...templates.values()].filter((t) => matchesFilter(t, q.get("filter")));
        const p = page(all, q);
        return send(res, 200, {
          kind: "compute#instanceTemplateList",
          id: `projects/${project}/global/instanceTemplates`,
          ...p,
        });
      }
      if (!name && method === "POST") {
        const t = await body(req);
        const tn = String(t.name ?? "");
        if (!/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(tn))
          throw new HttpError(400, "invalid", `Invalid value for field 'resource.name': '${tn}'.`);
        if (templates.has(tn))
          throw new HttpError(
            409,
            "alreadyExists",
            `The resource 'projects/${project}/global/instanceTemplates/${tn}' already exists`,
          );
        const selfLink = `${base}/${project}/global/instanceTemplates/${tn}`;
        return send(
          res,
          200,
          operation(project, undefined, "insert", selfLink, () => {
            templates.set(tn, {
              kind: "compute#instanceTemplate",
              id: String(++seq),
              ...t,
              selfLink,
              creationTimestamp: new Date().toISOString(),
            });
          }),
        );
      }
      const t = templates.get(name ?? "");
      if (!t)
        throw new HttpError(
          404,
          "notFound",
          `The resource 'projects/${project}/global/instanceTemplates/${name}' was not found`,
        );
      if (method === "GET") return send(res, 200, t);
      if (method === "DELETE") {
        const user = [...groups.values()].find((g) => String(g.instanceTemplate).endsWith(`/${name}`));
        if (user)
          throw new HttpError(
            400,
            "resourceInUseByAnotherResource",
            `The instance_template resource '${t.selfLink}' is already being used by '${user.selfLink}'`,
          );
        return send(
          res,
          200,
          operation(
            project,
            undefined,
            "delete",
            String(t.selfLink),
            () => void templates.delete(name ?? ""),
          ),
        );
      }
    }

    // Regional managed instance groups.
    if (rest[0] === "regions" && rest[2] === "instanceGroupManagers") {
      const region = rest[1] ?? "";
      const name = rest[3];
      const verb = rest[4];
      if (!name && method === "GET") {
        const all = [...groups.values()].filter(
          (g) => String(g.region).endsWith(`/${region}`) && matchesFilter(g, q.get("filter")),
        );
        return send(res, 200, {
          kind: "compute#regionInstanceGroupManagerList",
          ...page(all.map(groupView), q),
        });
      }
      if (!name && method === "POST") {
        const g = await body(req);
        const gn = String(g.name ?? "");
        const key = `${region}/${gn}`;
        if (groups.has(key))
          throw new HttpError(
            409,
            "alreadyExists",
            `The resource 'projects/${project}/regions/${region}/instanceGroupManagers/${gn}' already exists`,
          );
        const tname =
          String(g.instanceTemplate ?? "")
            .split("/")
            .pop() ?? "";
        const template = templates.get(tname);
        if (!template)
          throw new HttpError(
            404,
            "notFound",
            `The resource 'projects/${project}/global/instanceTemplates/${tname}' was not found`,
          );
        const selfLink = `${base}/${project}/regions/${region}/instanceGroupManagers/${gn}`;
        const machineType = String((template.properties as Json | undefined)?.machineType);
        return send(
          res,
          200,
          operation(project, region, "compute.regionInstanceGroupManagers.insert", selfLink, () => {
            if (quota.has(machineType))
              return [
                {
                  code: "QUOTA_EXCEEDED",
                  message: `Quota 'GPUS_ALL_REGIONS' exceeded. Limit: 0.0 globally (machine type ${machineType}).`,
                },
              ];
            const created: Json = {
              kind: "compute#instanceGroupManager",
              id: String(++seq),
              name: gn,
              baseInstanceName: g.baseInstanceName ?? gn,
              instanceTemplate: `${base}/${project}/global/instanceTemplates/${tname}`,
              targetSize: Number(g.targetSize ?? 0),
              region: `${base}/${project}/regions/${region}`,
              selfLink,
              members: [],
              pending: 0,
            };
            groups.set(key, created);
            scale(created, region, Number(g.targetSize ?? 0));
          }),
        );
      }
      const g = groups.get(`${region}/${name}`);
      if (!g)
        throw new HttpError(
          404,
          "notFound",
          `The resource 'projects/${project}/regions/${region}/instanceGroupManagers/${name}' was not found`,
        );
      if (method === "GET" && !verb) return send(res, 200, groupView(g));
      if (method === "DELETE" && !verb)
        return send(
          res,
          200,
          operation(project, region, "compute.regionInstanceGroupManagers.delete", String(g.selfLink), () => {
            scale(g, region, 0);
            groups.delete(`${region}/${name}`);
          }),
        );
      if (method === "POST" && verb === "resize") {
        const size = Number(q.get("size"));
        if (!Number.isInteger(size) || size < 0)
          throw new HttpError(400, "invalid", "Invalid value for field 'size'.");
        g.pending = Math.abs(size - (g.members as string[]).length);
        return send(
          res,
          200,
          operation(project, region, "compute.regionInstanceGroupManagers.resize", String(g.selfLink), () => {
            g.targetSize = size;
            g.pending = 0;
            scale(g, region, size);
          }),
        );
      }
      if (method === "POST" && verb === "setInstanceTemplate") {
        const b = await body(req);
        const tname =
          String(b.instanceTemplate ?? "")
            .split("/")
            .pop() ?? "";
        if (!templates.has(tname))
          throw new HttpError(
            404,
            "notFound",
            `The resource 'projects/${project}/global/instanceTemplates/${tname}' was not found`,
          );
        return send(
          res,
          200,
          operation(
            project,
            region,
            "compute.regionInstanceGroupManagers.setInstanceTemplate",
            String(g.selfLink),
            () => {
              g.instanceTemplate = `${base}/${project}/global/instanceTemplates/${tname}`;
            },
          ),
        );
      }
      if (method === "POST" && verb === "deleteInstances") {
        const urls = ((await body(req)).instances as string[] | undefined) ?? [];
        const members = g.members as string[];
        const names = urls.map((u) => u.split("/").pop() ?? "");
        const stranger = names.find((n) => !members.includes(n));
        if (urls.length === 0 || stranger !== undefined)
          throw new HttpError(
            400,
            "invalid",
            stranger === undefined
              ? "Invalid value for field 'resource.instances': ''. No instances specified."
              : `The instance '${stranger}' is not a member of the instance group manager '${name}'.`,
          );
        const op = operation(
          project,
          region,
          "compute.regionInstanceGroupManagers.deleteInstances",
          String(g.selfLink),
          () => {
            for (const n of names) {
              deleting.delete(n);
              booting.delete(n);
              instances.delete(n);
              members.splice(members.indexOf(n), 1);
            }
            g.targetSize = Math.max(0, Number(g.targetSize) - names.length);
          },
        );
        for (const n of names) deleting.set(n, op);
        return send(res, 200, op);
      }
      if (method === "POST" && verb === "listManagedInstances") {
        const all = (g.members as string[]).map((n) => {
          const i = instances.get(n) as Json;
          const action = booting.has(n) ? "CREATING" : deleting.has(n) ? "DELETING" : "NONE";
          return { instance: i.selfLink, id: i.id, name: n, instanceStatus: i.status, currentAction: action };
        });
        const p = page(all, q);
        return send(res, 200, {
          managedInstances: p.items,
          ...(p.nextPageToken ? { nextPageToken: p.nextPageToken } : {}),
        });
      }
    }

    // Machine types: the sizes GCE publishes for the types the tests use, in every zone.
    if (rest[0] === "aggregated" && rest[1] === "machineTypes" && method === "GET") {
      const all = MACHINE_ZONES.flatMap((zone) =>
        Object.entries(MACHINE_TYPES).map(([name, t]) => ({
          kind: "compute#machineType",
          name,
          zone,
          guestCpus: t.cpus,
          memoryMb: t.memoryMb,
          ...(t.gpu ? { accelerators: [{ guestAcceleratorType: t.gpu, guestAcceleratorCount: 1 }] } : {}),
        })),
      ).filter((m) => matchesFilter(m, q.get("filter")));
      const p = page(all, q);
      const items: Record<string, Json> = {};
      for (const m of p.items) {
        const scope = `zones/${m.zone}`;
        items[scope] = { machineTypes: [...((items[scope]?.machineTypes as Json[] | undefined) ?? []), m] };
      }
      return send(res, 200, {
        kind: "compute#machineTypeAggregatedList",
        items,
        ...(p.nextPageToken ? { nextPageToken: p.nextPageToken } : {}),
      });
    }

    // Instances.
    if (rest[0] === "aggregated" && rest[1] === "instances" && method === "GET") {
      const all = [...instances.values()].filter((i) => matchesFilter(i, q.get("filter")));
      const p = page(all, q);
      const zones = new Set([...instances.values()].map((i) => `zones/${String(i.zone).split("/").pop()}`));
      const items: Record<string, Json> = {};
      for (const z of [...zones].sort()) {
        const here = p.items.filter((i) => `zones/${String(i.zone).split("/").pop()}` === z);
        items[z] =
          here.length > 0
            ? { instances: here }
            : {
                warning: {
                  code: "NO_RESULTS_ON_PAGE",
                  message: "There are no results for scope on this page.",
                },
              };
      }
      // Real GCE lists every zone; one with nothing in it stands for the rest.
      items["zones/us-central1-f"] ??= {
        warning: {
          code: "NO_RESULTS_ON_PAGE",
          message: "There are no results for scope 'zones/us-central1-f' on this page.",
        },
      };
      return send(res, 200, {
        kind: "compute#instanceAggregatedList",
        items,
        ...(p.nextPageToken ? { nextPageToken: p.nextPageToken } : {}),
      });
    }
    if (rest[0] === "zones" && rest[2] === "instances" && !rest[3] && method === "GET") {
      const zone = rest[1];
      const all = [...instances.values()].filter(
        (i) => String(i.zone).endsWith(`/${zone}`) && matchesFilter(i, q.get("filter")),
      );
      return send(res, 200, { kind: "compute#instanceList", ...page(all, q) });
    }
    throw new HttpError(404, "notFound", `The requested URL ${method} ${url.pathname} was not found.`);
  }

  const quota = new Set<string>();
  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) sendError(res, e);
      else sendError(res, new HttpError(500, "backendError", String(e)));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    adcCredentials: () => adcCredentials(port),
    mutations,
    requests,
    quotaMachineTypes: quota,
    failNext(match, count, code, reason) {
      faults.push({ match, count, code, reason });
    },
    failOperation(match, code, message) {
      opFaults.push({ match, code, message });
    },
    state: () => {
      settle();
      return { templates: templates.size, groups: groups.size, instances: [...instances.values()] };
    },
    finishBooting() {
      for (const name of booting.keys()) booting.set(name, 0);
      settle();
    },
    stop: () => new Promise((r) => server.close(() => r())),
  };
}
