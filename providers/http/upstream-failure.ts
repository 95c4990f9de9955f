// Turning anything that goes wrong on the wire into a ProviderCallError: transport failures
// (abort → timeout, socket errors → network), malformed payloads (network), and upstream error
// responses (handed to the provider's own mapper). Every message passes through the secret filter.
import { ProviderCallError } from '../../core/provider-error.ts';
import type { ProviderErrorInfo, ProviderErrorKind } from '../../core/provider-error.ts';
import type { CallSignal } from '../adapter.ts';

export type HeaderBag = Record<string, string | string[] | undefined>;

/** An upstream error as seen by a provider's mapper: an HTTP error response, or an error event inside a stream. */
export interface UpstreamFailure {
  /** HTTP status; undefined for an error delivered inside a 200 stream. */
  status?: number;
  headers: HeaderBag;
  /** The body parsed as JSON, or undefined when it was not JSON. */
  body: unknown;
  /** The raw body text (truncated), for messages when the body is not the provider's JSON. */
  text: string;
}

/** What a provider's error mapper decides; the provider name is added by the caller. */
export type MappedError = Omit<ProviderErrorInfo, 'provider'>;
export type ErrorMapper = (failure: UpstreamFailure) => MappedError;

/** Who is calling, for error messages: the provider label and the secret that must never leak. */
export interface CallContext {
  provider: string;
  apiKey: string;
  signal: CallSignal;
}

export function redactSecret(text: string, secret: string): string {
  // Short "secrets" (e.g. a dummy "x" for local servers) would shred ordinary words.
  return secret.length >= 8 ? text.split(secret).join('[redacted]') : text;
}

export function callError(ctx: CallContext, kind: ProviderErrorKind, message: string, extra: Partial<MappedError> = {}): ProviderCallError {
  return new ProviderCallError(Object.assign({}, extra, { kind, provider: ctx.provider, message: redactSecret(message, ctx.apiKey) }));
}

export function mappedError(ctx: CallContext, mapped: MappedError): ProviderCallError {
  return new ProviderCallError(Object.assign({}, mapped, { provider: ctx.provider, message: redactSecret(mapped.message, ctx.apiKey) }));
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function errorCode(error: unknown): string | undefined {
  const direct = (error as { code?: unknown } | null)?.code;
  if (typeof direct === 'string') return direct;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof cause === 'string' ? cause : undefined;
}

/**
 * Any exception from sending a request or reading its body. An aborted signal wins over the
 * error's own shape: whatever undici threw, the caller asked us to stop, and that is a timeout.
 */
export function transportError(ctx: CallContext, error: unknown): ProviderCallError {
  if (error instanceof ProviderCallError) return error;
  if (ctx.signal.aborted) {
    const reason = ctx.signal.reason as { name?: string; message?: string } | undefined;
    const why = reason?.name === 'TimeoutError' ? 'deadline exceeded' : (reason?.message ?? 'aborted');
    return callError(ctx, 'timeout', `request aborted: ${why}`);
  }
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code && TIMEOUT_CODES.has(code)) return callError(ctx, 'timeout', `upstream timed out (${code})`, { code });
  return callError(ctx, 'network', code ? `${message} (${code})` : message, code ? { code } : {});
}

/** Parses JSON from the upstream; a payload that is not JSON is a broken upstream (network). */
export function parseUpstreamJson(ctx: CallContext, text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const excerpt = text.length > 120 ? `${text.slice(0, 120)}…` : text;
    throw callError(ctx, 'network', `malformed JSON in ${what}: ${excerpt}`);
  }
}
