// The UI's only way to talk to the server: same-origin REST calls. Every failure becomes an
// ApiError whose message is one readable line for the page to show.
import { isHealthReport, type HealthReport } from './health.ts';

export class ApiError extends Error {
  override name = 'ApiError';
}

/** A request slower than this counts as a failure, so a hung gateway shows up as unreachable. */
const REQUEST_TIMEOUT_MS = 5_000;

async function getJson(path: string, signal?: AbortSignal): Promise<{ status: number; body: unknown }> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { accept: 'application/json' },
      cache: 'no-store',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    if (timeout.aborted) throw new ApiError(`${path} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`);
    if (signal?.aborted) throw error;
    throw new ApiError(`${path} is unreachable (network error)`);
  }
  try {
    return { status: response.status, body: await response.json() };
  } catch {
    throw new ApiError(`${path} answered HTTP ${response.status} without a JSON body`);
  }
}

/**
 * GET /healthz. A degraded stack may answer with a 5xx status and still carry a full report, so the
 * body decides, not the status code.
 */
export async function fetchHealth(signal?: AbortSignal): Promise<HealthReport> {
  const { status, body } = await getJson('/healthz', signal);
  if (!isHealthReport(body)) throw new ApiError(`/healthz answered HTTP ${status} with an unexpected body`);
  return body;
}
