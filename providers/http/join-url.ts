// Building an upstream URL from a target's base URL, which comes from configuration and may be
// wrong: a malformed one is reported as a ProviderCallError like every other failure.
// Joined URLs are memoised: parsing the base URL and setting its path cost ~15 µs per request at
// c=1, for an answer that only changes when a credential's base URL or the model does.
import { ProviderCallError } from '../../core/provider-error.ts';

/** Where one upstream call goes: the origin picks the connection pool, the path is sent. */
export interface UpstreamUrl {
  readonly origin: string;
  /** Path and query string, as sent on the request line. */
  readonly path: string;
  readonly href: string;
}

/** Distinct (base URL, path, query) triples remembered; beyond it the oldest is dropped. */
const MAX_REMEMBERED = 1024;
const remembered = new Map<string, UpstreamUrl>();

/** Appends a path to a base URL that may or may not end in '/', keeping the base's own path. */
export function joinUrl(provider: string, baseUrl: string, path: string, query?: Record<string, string>): UpstreamUrl {
  const cacheKey = query ? `${baseUrl}\n${path}\n${new URLSearchParams(query).toString()}` : `${baseUrl}\n${path}`;
  const known = remembered.get(cacheKey);
  if (known) return known;
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new ProviderCallError({ kind: 'bad_request', provider, message: `invalid base URL for ${provider}: ${JSON.stringify(baseUrl)}` });
  }
  base.pathname = `${base.pathname.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
  for (const [key, value] of Object.entries(query ?? {})) base.searchParams.set(key, value);
  const joined: UpstreamUrl = Object.freeze({ origin: base.origin, path: `${base.pathname}${base.search}`, href: base.href });
  if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  remembered.set(cacheKey, joined);
  return joined;
}
