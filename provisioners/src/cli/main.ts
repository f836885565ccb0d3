#!/usr/bin/env node
// `nomadkit-cluster …`, also run as `nomadkit cluster …`: the sdk's CLI hands any command
// it doesn't have to a `nomadkit-<command>` program, so the sdk never imports this package.
import { Command } from "commander";
import { clusterCommand } from "./cluster-command.js";

const program = new Command().name("nomadkit cluster").showHelpAfterError();
const cluster = clusterCommand();
for (const sub of cluster.commands) program.addCommand(sub);
program.description(cluster.description());
await program.parseAsync();
