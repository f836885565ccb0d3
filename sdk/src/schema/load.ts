import { readFileSync } from "node:fs";
import type { NomadSchema } from "./types.js";

// Read at run time rather than imported: type-checking a JSON module this large is slow,
// and the same relative path works from src/schema and dist/schema.
const SCHEMA_URL = new URL("../../src/schema/nomad-schema.json", import.meta.url);

let loaded: NomadSchema | undefined;

/** The generated Nomad schema (see sdk/tools/nomad-go/cmd/schemagen). */
export function nomadSchema(): NomadSchema {
  loaded ??= JSON.parse(readFileSync(SCHEMA_URL, "utf8")) as NomadSchema;
  return loaded;
}
