// Shape of the generated Nomad schema (nomad-schema.json). The generator in
// sdk/tools/nomad-go/cmd/schemagen writes it from Nomad's own Go `api` module and
// facts recorded from Nomad's main module (agent config, ACL policies, driver
// specs, go-discover keys); nothing here is written by hand except the shape itself.
import type { KindName, SchemaFileKind } from "./specs.generated.js";

export interface NomadSchema {
  /** The Nomad release the schema describes, e.g. "2.0.5". */
  nomadVersion: string;
  /** The api module read, and the Nomad main module the recorded facts were read from, as module@version. */
  sources: { api: string; nomad: string };
  /** Nomad releases scanned to find the version that added each field, oldest first. */
  versions: string[];
  /** How many `hcl:` struct tags the api module has, and how many fields here carry one. */
  coverage: { hclTags: number; covered: number };
  /** Structs of package api, keyed by Go type name ("Job", "TaskGroup", …). */
  types: Record<string, StructSchema>;
  /** Task driver config bodies, keyed by type name: "docker" is the root of the docker driver's
   * `config` block, nested blocks are "docker.mount", "docker.logging", …. */
  driverTypes: Record<string, StructSchema>;
  /** Driver name → root type name in driverTypes. */
  drivers: Record<string, string>;
  /** The API responses the HTTP client reads (Node, Allocation, Evaluation, …): the roots, and
   * the api structs they reach that `types` lacks; refs resolve in `types` or `apiObjects.types`. */
  apiObjects: { roots: string[]; types: Record<string, StructSchema> };
  /** Every Nomad file kind besides jobs, each with its own types (see KindSchema). */
  kinds: Record<KindName, KindSchema>;
  /** go-discover providers a `retry_join` string can name, and their keys. */
  discover: DiscoverSchema;
  /** What some enum values mean to Nomad (overlay/semantics.json); read it through semantics.ts. */
  semantics: SemanticsSchema;
}

/**
 * Facts about enum values, each checked by the generator against the enum it describes:
 * check types, job types, constraint operators and their arity, jobspec2's placement
 * shorthands, interpolation roots, and the statuses of the API objects the client reads.
 */
export interface SemanticsSchema {
  /** ServiceCheck.type → what the check needs and who runs it. */
  checkTypes: Record<string, { needsPort: boolean; nomadProvider: boolean }>;
  /** Job.type → `launched`: runs to completion (batch-like); `perNode`: one allocation per node. */
  jobTypes: Record<string, { launched: boolean; perNode: boolean }>;
  /** Constraint.operator → its arity as Nomad's Constraint.Validate checks it. */
  operators: Record<string, OperatorSemantics>;
  /** jobspec2's one-line operator attributes, in the order it applies them (a later one wins). */
  shorthands: { constraint: string[]; affinity: string[]; ignoredConstraint: string[] };
  /** The roots of `${root.name}` references something resolves, in order. */
  interpolationRoots: Array<{ name: string; resolvedBy: "jobspec" | "client" }>;
  /** Status values the server sets, by name ("evaluation", "deployment", …). */
  statuses: Record<string, { fields: string[]; values: string[]; terminal: string[] }>;
}

export interface OperatorSemantics {
  /** "required": an empty value is refused; "none": any value is refused; "optional": may be empty. */
  value: "required" | "none" | "optional";
  /** Whether the constraint needs an attribute (LTarget) to test. */
  attribute: boolean;
  /** The operator this one is another spelling of. */
  aliasOf?: string;
  /** Places allocations, not tasks: only a job or a group may use it. */
  allocations?: boolean;
}

/**
 * The file kinds besides jobs, generated from the schema's kinds. `agent`: agent configuration
 * (command/agent Config); `aclPolicy`: ACL policy rules (acl.Policy); `csiVolume`/`hostVolume`:
 * what `nomad volume create/register` reads for `type = "csi"`/`"host"`; `nodePool`:
 * `nomad node pool apply`; `namespace`: `nomad namespace apply`.
 */
export type { KindName, SchemaFileKind } from "./specs.generated.js";

/**
 * One file kind. Its types are keyed by Go type name (package-qualified, e.g.
 * "structs/config.Foo", only where two packages share a name), and refs inside it
 * resolve within `types`. Fields follow FieldSchema with the kind's decoder rules:
 * under HCL1 nothing is `required` except labels, and a nested struct, a list of
 * structs or a map is a block (`meta { k = "v" }`). A label of an HCL1 block has
 * `hcl: ""`. For list fields, `enum` lists the values each element may take.
 */
export interface KindSchema {
  /** The file kind users name these files by (`acl-policy`); csi and host volumes share `volume`. */
  file: SchemaFileKind;
  /** What Nomad parses the file with: agent config, ACL policies, volume and namespace specs use HCL1. */
  syntax: "hcl1" | "hcl2";
  /** Module@version, then the package and root struct the file is decoded into. */
  source: string;
  /** The type of the file's top-level body. */
  root: string;
  /** Fields the decoder can set by a tag (hcl or mapstructure) vs fields here that carry one. */
  coverage: { hclTags: number; covered: number };
  types: Record<string, StructSchema>;
}

export interface DiscoverSchema {
  /** The go-discover modules read, as module@version (the versions Nomad's go.mod requires). */
  sources: string[];
  /** Provider name ("aws", "gce", "azure", …) → the keys its strings take, besides `provider`. */
  providers: Record<string, string[]>;
  /** The Nomad release whose go.mod pins those go-discover versions (recorded facts). */
  nomad: string;
}

export interface StructSchema {
  name: string;
  description?: string;
  fields: FieldSchema[];
}

export type FieldKind =
  /** `name = value` */
  | "attribute"
  /** `name { … }` or `name "label" { … }` */
  | "block"
  /** a block label, read from the header (`group "api"`) */
  | "label"
  /** takes the body's leftover content (`hcl:",remain"`) */
  | "remain"
  /** in API payloads only: set by the server or not settable from a jobspec */
  | "apiOnly";

export interface FieldSchema {
  /** Name in HCL. Empty for apiOnly fields and unnamed labels. */
  hcl: string;
  /** Key in API JSON payloads (the json tag, else the Go field name). */
  api: string;
  /** Go field name. */
  go: string;
  kind: FieldKind;
  type: TypeRef;
  /** A Go pointer: the API distinguishes "unset" (null) from the zero value. */
  pointer?: boolean;
  /** An attribute that must be given (no `,optional`), or a driver attr spec marked required. */
  required: boolean;
  /** A block that may appear more than once (a Go slice or an hclspec block list). */
  repeated?: boolean;
  /** Label names of a block (for block maps such as driver `config` blocks with labels). */
  labels?: string[];
  /** First scanned Nomad version that has this field; absent when the oldest scanned has it. */
  since?: string;
  /** Why the field is deprecated, from Nomad's own `Deprecated:` comments. */
  deprecated?: string;
  /** Allowed values (hand-kept overlay, checked against the struct by the generator). */
  enum?: string[];
  /** The enum only suggests values, others are valid too (task drivers are plugins). */
  enumOpen?: boolean;
  /** The value Nomad fills in when the field is left out (overlay, or hclspec default). */
  default?: unknown;
  /** Short description for hover, in our own words (overlay). */
  description?: string;
}

export type TypeRef =
  | { kind: "string" | "bool" | "int" | "float" | "number" | "any" }
  /** Go time.Duration: written "30s" in HCL, integer nanoseconds in API JSON. */
  | { kind: "duration" }
  /** A byte count written as text with a unit ("10GiB"), an integer in API JSON (volume capacities). */
  | { kind: "size" }
  | { kind: "list"; of: TypeRef }
  | { kind: "set"; of: TypeRef }
  | { kind: "map"; of: TypeRef }
  /** Another struct in `types` (or in `driverTypes` for driver bodies). */
  | { kind: "object"; ref: string };
