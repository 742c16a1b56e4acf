import { describe, expect, it } from 'vitest';
import * as catchAll from '@/app/api/v1/[...path]/route';
import { problemSchema } from '@/server/api/problem';
import { HTTP_METHODS } from '@/test/routes';
import { call } from './client';

describe('a path the API does not have (API-1)', () => {
  it.each(HTTP_METHODS)('answers %s with 404 problem+json', async (method) => {
    const answer = await call(catchAll[method], method, '/api/v1/rooms/x/y/z', { params: { path: 'rooms/x/y/z' }, body: method === 'GET' || method === 'DELETE' ? undefined : {} });
    expect(answer.status).toBe(404);
    expect(answer.contentType).toBe('application/problem+json');
    expect(problemSchema.parse(answer.json).detail).toContain('/api/v1/openapi.json');
  });
});
