/**
 * A reference to a secret held by Vault or in a Nomad Variable. Only the reference is
 * ever written to a job: the value is read by the client at run time through a template,
 * so it never appears in synthesized output.
 */
// A brand rather than instanceof: the CLI's copy of nomadkit (dist) synthesizes apps built
// with the project's copy (src, or another install), and classes differ between copies.
const SECRET_BRAND = Symbol.for("nomadkit.Secret");

export class Secret {
  readonly [SECRET_BRAND] = true;

  /** Whether a value is a Secret, from any copy of nomadkit. */
  static is(value: unknown): value is Secret {
    return (
      typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[SECRET_BRAND] === true
    );
  }

  /** A key of a Vault secret. KV version 2 (the default) reads `.Data.data.<key>`. */
  static fromVault(path: string, key: string, options: { kv?: 1 | 2 } = {}): Secret {
    return new Secret("vault", path, key, options.kv ?? 2);
  }

  /** A key of a Nomad Variable, read with the task's workload identity. */
  static fromNomadVariable(path: string, key: string): Secret {
    return new Secret("nomad", path, key, 2);
  }

  private constructor(
    readonly store: "vault" | "nomad",
    readonly path: string,
    readonly key: string,
    private readonly kv: 1 | 2,
  ) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new RangeError(`secret key "${key}" must be a template identifier (letters, digits, _)`);
    }
    if (path.includes('"') || path.includes("{{"))
      throw new RangeError(`secret path "${path}" can't contain quotes or {{`);
  }

  /** The consul-template expression that renders the value. */
  get template(): string {
    if (this.store === "nomad") return `{{ with nomadVar "${this.path}" }}{{ .${this.key} }}{{ end }}`;
    const field = this.kv === 2 ? `.Data.data.${this.key}` : `.Data.${this.key}`;
    return `{{ with secret "${this.path}" }}{{ ${field} }}{{ end }}`;
  }

  toString(): string {
    return `${this.store}:${this.path}#${this.key}`;
  }
}

/** A secret written to a file in the task's `secrets/` directory (or elsewhere). */
export interface SecretFile {
  readonly secret: Secret;
  readonly destination: string;
  /** Defaults to "restart": the task restarts when the secret changes. */
  readonly changeMode?: "restart" | "signal" | "noop";
  readonly changeSignal?: string;
  /** Defaults to "0400". */
  readonly perms?: string;
}

// Names and values that look like credentials. Checked on env and meta literals.
const SECRET_NAME =
  /(^|_)(PASSWORD|PASSWD|PASS|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)($|_)/i;
const SECRET_VALUE = [
  /^AKIA[0-9A-Z]{16}$/,
  /^gh[pousr]_[A-Za-z0-9]{20,}/,
  /^xox[abpr]-/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

/** Why a literal looks like a secret, or undefined. The value itself is never repeated. */
export function literalSecretReason(name: string, value: string): string | undefined {
  const onlyReferences = value.trim() === "" || /^(\$\{[^}]+\}|\{\{[^}]*\}\})+$/.test(value.trim());
  if (onlyReferences) return undefined;
  if (SECRET_NAME.test(name)) return `"${name}" is named like a credential and holds a literal value`;
  if (SECRET_VALUE.some((re) => re.test(value))) return `"${name}" holds a value shaped like a credential`;
  return undefined;
}
