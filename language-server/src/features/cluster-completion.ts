// Completion of names only the connected cluster knows: datacenters, node pools and
// namespaces in a job's attributes, Nomad Variable paths after `nomadVar "` and service names
// after `nomadService "` in templates. Reads the cluster view's cache; asks nothing itself.
import { type CompletionItem, CompletionItemKind } from "vscode-languageserver";
import type { ClusterNames } from "../cluster/view.js";

/** Which cached list the text before the cursor asks for, and the partial name typed so far. */
export function clusterSlot(prefix: string): { list: keyof ClusterNames; typed: string } | undefined {
  // Inside an open string: everything after the last quote is the name being typed.
  if ((prefix.match(/(?<!\\)"/g)?.length ?? 0) % 2 === 0) return undefined;
  const typed = prefix.slice(prefix.lastIndexOf('"') + 1);
  const before = prefix.slice(0, prefix.lastIndexOf('"'));
  if (/\bnomadVar(?:Exists|List)?\s+$/.test(before)) return { list: "variablePaths", typed };
  if (/\bnomadService\s+(?:"[^"]*"\s+)?$/.test(before)) return { list: "services", typed };
  if (/^\s*datacenters\s*=\s*\[[^\]]*$/.test(before)) return { list: "datacenters", typed };
  if (/^\s*node_pool\s*=\s*$/.test(before)) return { list: "nodePools", typed };
  if (/^\s*namespace\s*=\s*$/.test(before)) return { list: "namespaces", typed };
  return undefined;
}

const DETAIL: Record<keyof ClusterNames, string> = {
  datacenters: "datacenter in the cluster",
  nodePools: "node pool in the cluster",
  namespaces: "namespace in the cluster",
  variablePaths: "Nomad Variable in the cluster",
  services: "Nomad service in the cluster",
};

/** Items for `slot` from `names`, replacing what is typed inside the quotes. */
export function clusterItems(
  slot: { list: keyof ClusterNames; typed: string },
  names: ClusterNames,
  cursor: { line: number; character: number },
): CompletionItem[] {
  const range = {
    start: { line: cursor.line, character: cursor.character - slot.typed.length },
    end: cursor,
  };
  return names[slot.list].map((name) => ({
    label: name,
    kind: CompletionItemKind.Value,
    detail: DETAIL[slot.list],
    textEdit: { range, newText: name },
  }));
}
