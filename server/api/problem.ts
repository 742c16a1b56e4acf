import { z } from 'zod';
import { isDatabaseUnavailable } from '@/server/db/errors';
import { DomainError, ValidationError, ConflictError, PayloadTooLargeError, RateLimitError } from '@/server/lib/errors';
import { errorMessage } from '@/server/lib/messages';
import { logger } from '@/server/lib/logger';

const TITLES: Record<number, string> = {
  400: 'Invalid input',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Content too large',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

/** API-1: RFC 9457 problem details, as the OpenAPI document describes every error answer. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

export type ProblemBody = z.output<typeof problemSchema>;

/** API-1: RFC 9457 problem details. */
export function problem(status: number, detail: string, errors?: ProblemBody['errors']): Response {
  const body: ProblemBody = { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...(errors ? { errors } : {}) };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (status === 401) headers['www-authenticate'] = 'Bearer';
  return new Response(JSON.stringify(body), { status, headers });
}

export function problemFromError(error: unknown): Response {
  if (error instanceof ValidationError)
    return problem(400, error.message, error.issues.map((i) => ({ field: i.field, message: errorMessage(i.code) })));
  if (error instanceof ConflictError)
    return problem(409, error.message, [{ field: error.issue.field, message: errorMessage(error.issue.code) }]);
  if (error instanceof RateLimitError) {
    const answer = problem(429, error.message);
    answer.headers.set('retry-after', String(error.retryAfterSeconds));
    return answer;
  }
  if (error instanceof PayloadTooLargeError) return problem(413, error.message);
  if (error instanceof DomainError) return problem(error.status, error.message);
  if (isDatabaseUnavailable(error)) {
    logger.error({ err: error }, 'database unavailable');
    const answer = problem(503, 'The database is unavailable; try again shortly');
    answer.headers.set('retry-after', '5');
    return answer;
  }
  logger.error({ err: error }, 'unhandled error in API route');
  return problem(500, 'The server could not complete the request');
}
