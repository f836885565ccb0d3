// The bench's Nomad in a process of its own, so the autoscaler's process measures only itself
// (its heap, its RSS, its CPU). Driven over the fork IPC channel:
//   → { ready, address, renderMs }     once listening
//   ← { change: n }  → { changed }     n allocations change
//   ← { stats }      → { stats }       what the server counted so far
import { NomadWire } from "./nomad-wire.js";

const started = performance.now();
const wire = new NomadWire();
const address = await wire.listen();
const send = (message: unknown) => process.send?.(message);
send({ ready: true, address, renderMs: performance.now() - started });

process.on("message", (message: { change?: number; stats?: boolean }) => {
  if (message.change) {
    wire.change(message.change);
    send({ changed: message.change });
  }
  if (message.stats) send({ stats: structuredClone(wire.stats) });
});
process.on("disconnect", () => {
  void wire.close();
  process.exit(0);
});
