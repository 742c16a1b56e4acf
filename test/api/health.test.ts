import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/health/route';
import { closeDb } from '@/server/db/client';
import { freePort } from '@/server/db/embedded';
import { useTestDatabase } from '@/test/database';

const database = useTestDatabase();

describe('GET /api/health (API-2)', () => {
  it('answers 200 { status: "ok" } without a token once the database answers', async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 problem+json when the database does not', async () => {
    await closeDb();
    process.env.DATABASE_URL = `postgres://nobody:nothing@127.0.0.1:${await freePort()}/none`;
    try {
      const response = await GET();
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 503, title: 'Service unavailable' });
    } finally {
      await closeDb();
      process.env.DATABASE_URL = database.url();
    }
  });
});
