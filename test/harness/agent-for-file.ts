// One real `nomad agent -dev` for a test file: started at import (so whether to skip is known
// when tests are collected), stopped after the file, with a client for it.
import { NomadClient } from "nomadkit/api";
import { afterAll } from "vitest";
import { type Agent, startAgent } from "./nomad-agent.js";

export interface FileAgent {
  readonly agent?: Agent;
  /** A client for the agent; undefined when it could not start. */
  readonly nomad?: NomadClient;
  /** " (skipped: why)" for a describe title when there is no agent, else "". */
  readonly skipNote: string;
}

export async function agentForFile(options: { acl?: boolean } = {}): Promise<FileAgent> {
  const started = await startAgent(options);
  if ("skip" in started) {
    console.warn(`real-agent tests skipped: ${started.skip}`);
    return { skipNote: ` (skipped: ${started.skip})` };
  }
  const nomad = new NomadClient({ address: started.address, env: {}, token: started.token });
  afterAll(async () => {
    nomad.close();
    await started.stop();
  });
  return { agent: started, nomad, skipNote: "" };
}
