// How a job's deploy or rollback ended, as the lines deploy and rollback print: the
// failing allocations' task events and stderr, or why the scheduler could not place it.
import pc from "picocolors";
import type { JobOutcome } from "../deploy/deploy.js";
import type { AllocationFailure } from "../deploy/failure-report.js";
import { describePlacementFailure } from "../deploy/placement-failure.js";

export function describeOutcome(job: JobOutcome): string {
  switch (job.status) {
    case "unchanged":
      return `${pc.green("✓")} ${job.jobId}: no changes\n`;
    case "successful":
      return `${pc.green("✓")} ${job.jobId}: ${job.description || "deployed"}\n`;
    case "refused":
      return `${pc.red("✗")} ${job.jobId}: ${job.message}\n`;
    case "registered":
      return `${pc.green("✓")} ${job.jobId}: ${job.description}\n`;
    case "stopped-watching":
    case "not-registered":
      return `${pc.yellow("!")} ${job.jobId}: ${job.description}\n`;
    case "unplaceable":
      return `${pc.red("✗")} ${job.jobId}: ${job.description}\n${job.placement.map((p) => `  ${describePlacementFailure(p)}\n`).join("")}`;
    default:
      return `${pc.red("✗")} ${job.jobId}: deployment ${job.status}: ${job.description}\n${job.failures.map(describeFailure).join("")}`;
  }
}

function describeFailure(f: AllocationFailure): string {
  let out = `  allocation ${f.allocationId.slice(0, 8)} (${f.name}) is ${f.clientStatus}\n`;
  for (const task of f.tasks) {
    out += `    task "${task.task}" (${task.state})\n`;
    for (const event of task.events) out += `      ${event}\n`;
    if (task.stderrTail.length > 0) {
      out += "      last stderr lines:\n";
      for (const line of task.stderrTail) out += `        ${line}\n`;
    }
  }
  return out;
}
