#!/usr/bin/env node
import { Command } from "commander";
import pc from "picocolors";
import { registerDeploy } from "./deploy-command.js";
import { findExternalCommand, runExternalCommand } from "./external-command.js";
import { registerFmt } from "./fmt-command.js";
import { registerImport } from "./import-command.js";
import { registerInit } from "./init-command.js";
import { registerJobCommands } from "./job-commands.js";
import { registerLint } from "./lint-command.js";
import { UserError } from "./load-app.js";
import { registerSynth } from "./synth-command.js";

// Each command lives in its own file and registers itself here.
const program = new Command()
  .name("nomadkit")
  .description("Nomad jobs as typed TypeScript: synthesize, plan and deploy; lint and format Nomad files")
  .showHelpAfterError();

registerInit(program);
registerSynth(program);
registerLint(program);
registerFmt(program);
registerDeploy(program);
registerJobCommands(program);
registerImport(program);

// A command we don't have may come from another package (`nomadkit cluster` → nomadkit-cluster).
const [name, ...rest] = process.argv.slice(2);
const known = new Set(program.commands.flatMap((c) => [c.name(), ...c.aliases()]));
const external = name && !name.startsWith("-") && !known.has(name) ? findExternalCommand(name) : undefined;

try {
  if (external) process.exitCode = runExternalCommand(external, rest);
  else await program.parseAsync();
} catch (error) {
  if (error instanceof UserError) {
    process.stderr.write(`${pc.red("error")}: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
