import type { App } from "../constructs/app.js";
import { print } from "../hcl/printer.js";
import { encodeJob } from "../jobspec/encode.js";
import { jobPayload } from "./job-payload.js";
import { type Problem, Problems } from "./problems.js";
import type { ApiObject } from "./spec-to-api.js";
import { validateApp } from "./validate.js";

export interface SynthesizedJob {
  id: string;
  /** What `PUT /v1/jobs` takes. */
  payload: { Job: ApiObject };
  /** The same job as a formatted `*.nomad.hcl` file. */
  hcl: string;
}

export interface SynthResult {
  jobs: SynthesizedJob[];
  /** Every problem found. When there is any, `jobs` is empty. */
  problems: Problem[];
}

/** Validates the app and turns each job into its API payload and HCL. */
export function synthesize(app: App): SynthResult {
  const problems = new Problems();
  validateApp(app, problems);
  const payloads = app.jobs.map((job) => ({ id: job.id, payload: jobPayload(job, problems) }));
  if (!problems.empty) return { jobs: [], problems: problems.list };
  const jobs = payloads.map(({ id, payload }) => ({ id, payload, hcl: print(encodeJob(payload.Job)) }));
  return { jobs, problems: [] };
}
