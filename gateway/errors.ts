// One place that turns errors into HTTP status + body. /api uses a single envelope; /v1 uses
// OpenAI's error object (filled in by the OpenAI-compatible endpoint).
import type { ErrorRequestHandler, RequestHandler } from 'express';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'not_found', `No route for ${req.method} ${req.path}`));
};

export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const apiError = toApiError(error);
  if (apiError.status >= 500) console.error(`${req.method} ${req.path} failed:`, error);
  if (res.headersSent) {
    res.end();
    return;
  }
  const body: ApiErrorBody = { error: { code: apiError.code, message: apiError.message } };
  if (apiError.details !== undefined) body.error.details = apiError.details;
  res.status(apiError.status).json(body);
};

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // body-parser errors carry a status and a type (entity.too.large, entity.parse.failed...).
  const e = error as { status?: number; type?: string; message?: string };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    const code = e.type === 'entity.too.large' ? 'payload_too_large' : e.type === 'entity.parse.failed' ? 'invalid_json' : 'bad_request';
    return new ApiError(e.status, code, e.message ?? 'Bad request');
  }
  return new ApiError(500, 'internal', 'Internal error');
}
