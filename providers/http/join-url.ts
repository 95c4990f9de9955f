// Building an upstream URL from a target's base URL, which comes from configuration and may be
// wrong: a malformed one is reported as a ProviderCallError like every other failure.
import { ProviderCallError } from '../../core/provider-error.ts';

/** Appends a path to a base URL that may or may not end in '/', keeping the base's own path. */
export function joinUrl(provider: string, baseUrl: string, path: string, query?: Record<string, string>): URL {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new ProviderCallError({ kind: 'bad_request', provider, message: `invalid base URL for ${provider}: ${JSON.stringify(baseUrl)}` });
  }
  base.pathname = `${base.pathname.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
  for (const [key, value] of Object.entries(query ?? {})) base.searchParams.set(key, value);
  return base;
}
