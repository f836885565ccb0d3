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
