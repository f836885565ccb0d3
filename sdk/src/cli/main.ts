#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from "commander";
import pc from "picocolors";
import { UserError } from "./load-app.js";
import { synthCommand } from "./synth-command.js";

const program = new Command()
  .name("nomadkit")
  .description("Nomad jobs as typed TypeScript: synthesize, plan and deploy")
  .showHelpAfterError();

program
  .command("synth")
  .description("write each job of an app as API JSON (<job>.nomad.json) and HCL (<job>.nomad.hcl)")
  .argument("<entry>", "the app's TypeScript entry file")
  .option("-o, --out <dir>", "output directory", "out")
  .addOption(
    new Option("-f, --format <format>", "what to write").choices(["json", "hcl", "both"]).default("both"),
  )
  .option("-e, --env <name>", "synthesize only this environment", (v: string) => {
    if (v.trim() === "") throw new InvalidArgumentError("give an environment name");
    return v;
  })
  .action(async (entry: string, options: { out: string; format: "json" | "hcl" | "both"; env?: string }) => {
    process.exitCode = await synthCommand(entry, options);
  });

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof UserError) {
    process.stderr.write(`${pc.red("error")}: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
