import type { NomadClient } from "nomadkit/api";
import { describe, expect, it } from "vitest";
import { joinNodes, type OwnedInstance } from "./status.js";

// Only the two reads joinNodes makes, answering like Nomad's /v1/nodes and /v1/node/:id.
function nomadWith(nodes: { ID: string; Name: string; Address: string; Meta?: Record<string, string> }[]) {
  return {
    nodes: {
      list: async () => ({ data: nodes.map(({ ID, Name, Address }) => ({ ID, Name, Address })) }),
      read: async (id: string) => {
        const n = nodes.find((x) => x.ID === id);
        return { data: { ...n, Status: "ready", NodePool: "general" } };
      },
    },
  } as unknown as NomadClient;
}

const owned: OwnedInstance[] = [
  { id: "srv-1", group: "server", state: "RUNNING", running: true, privateIp: "10.0.0.1" },
  { id: "gen-1", group: "pool-general", state: "RUNNING", running: true, privateIp: "10.0.0.2" },
  { id: "gen-2", group: "pool-general", state: "RUNNING", running: true, privateIp: "10.0.0.3" },
  { id: "gen-3", group: "pool-general", state: "RUNNING", running: true, privateIp: "10.0.0.4" },
  { id: "gen-4", group: "pool-general", state: "STAGING", running: false, privateIp: "10.0.0.5" },
];

describe("joinNodes", () => {
  it("joins by instance meta first, then by the node's address, and names the instances that never joined", async () => {
    const s = await joinNodes(
      owned,
      nomadWith([
        // Meta wins over an address that points at another instance.
        { ID: "n1", Name: "by-meta", Address: "10.0.0.3", Meta: { "nomadkit.instance_id": "gen-1" } },
        { ID: "n2", Name: "by-address", Address: "10.0.0.4" },
        { ID: "n3", Name: "elsewhere", Address: "192.168.1.9" },
      ]),
    );
    const node = (id: string) => s.instances.find((i) => i.instanceId === id)?.node?.name;
    expect([node("gen-1"), node("gen-2"), node("gen-3")]).toEqual(["by-meta", undefined, "by-address"]);
    // gen-4 is not running yet and servers are not client nodes: neither counts as not joined.
    expect(s.notJoined).toEqual(["gen-2"]);
    expect(s.strayNodes.map((n) => n.name)).toEqual(["elsewhere"]);
  });

  it("without Nomad lists the instances and blames none", async () => {
    const s = await joinNodes(owned, undefined);
    expect(s.instances.map((i) => i.group)).toEqual([...Array(4).fill('pool "general"'), "servers"]);
    expect(s.notJoined).toEqual([]);
  });
});
