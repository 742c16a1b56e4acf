import { describe, expect, it } from 'vitest';
import { problemSchema } from '@/server/api/problem';
import { useTestDatabase } from '@/test/database';
import { apiRouteFiles } from '@/test/routes';
import { call } from './client';

useTestDatabase();

/** Public by design: the API reference (the catch-all for paths that do not exist is left out above). */
const PUBLIC = new Set(['GET /api/v1/openapi.json']);

const files = await apiRouteFiles();
const endpoints = files
  .filter((file) => !file.catchAll)
  .flatMap((file) => file.methods.map((method) => ({ key: `${method} ${file.route}`, method, file })))
  .filter((e) => !PUBLIC.has(e.key));

describe('every /api/v1 endpoint needs a valid bearer token (API-1)', () => {
  const missing = '6d2b7a4e-3c1f-4a8e-9b0d-1f2e3a4b5c6d';
  const params = (route: string) => Object.fromEntries([...route.matchAll(/\[([^\]]+)\]/g)].map((m) => [m[1], missing]));

  it.each(endpoints)('$key answers 401 problem+json without a token, with a bad one, or with another scheme', async ({ method, file }) => {
    for (const authorization of [undefined, 'Bearer cbt_not-a-token', 'Bearer ', 'Basic YTpi']) {
      const answer = await call(file.module[method] as Parameters<typeof call>[0], method, file.route, { authorization, params: params(file.route), body: method === 'GET' ? undefined : '{' });
      expect(answer.status, String(authorization)).toBe(401);
      expect(answer.contentType).toBe('application/problem+json');
      expect(problemSchema.parse(answer.json).status).toBe(401);
    }
  });
});
