import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { closeDb } from '@/server/db/client';
import { migrateDatabase } from '@/server/db/migrate';

/** A fresh, migrated database for one test file; DATABASE_URL points at it while the file runs. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  return {
    url: url.toString(),
    drop: async () => {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists "${name}" with (force)`);
      await again.end();
    },
  };
}

export function useTestDatabase(): { url: () => string } {
  let handle: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
    process.env.DATABASE_URL = handle.url;
  });
  afterAll(async () => {
    await closeDb();
    await handle?.drop();
  });
  return {
    url: () => {
      if (!handle) throw new Error('test database not ready');
      return handle.url;
    },
  };
}
