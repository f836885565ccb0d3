// go-discover providers for cloud auto-join (`retry_join = ["provider=aws …"]`), as the
// generator read them from the go-discover version Nomad requires.
import { nomadSchema } from "./load.js";

/** Provider names Nomad's agent can join through, sorted. */
export function discoverProviders(): string[] {
  return Object.keys(nomadSchema().discover.providers).sort();
}

/** The keys a provider's string takes besides `provider`, or undefined for a provider Nomad lacks. */
export function discoverKeys(provider: string): readonly string[] | undefined {
  const providers = nomadSchema().discover.providers;
  return Object.hasOwn(providers, provider) ? providers[provider] : undefined;
}

/**
 * The go-discover module a provider's keys were read from, as module@version, and the Nomad
 * version that pins it: what to name when a key is missing ("added in a later go-discover").
 */
export function discoverSource(provider: string): { module: string; nomadVersion: string } {
  const schema = nomadSchema();
  const sources = schema.discover.sources;
  const own = sources.find((s) => s.split("@")[0]?.endsWith(`/provider/${provider}`));
  return {
    module: own ?? sources.find((s) => /go-discover@/.test(s)) ?? "go-discover",
    nomadVersion: schema.discover.nomad,
  };
}
