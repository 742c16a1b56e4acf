import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies pending migrations; an advisory lock keeps two processes starting at once from racing. */
export async function migrateDatabase(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(727272)`;
    await migrate(drizzle(client), { migrationsFolder });
    await client`select pg_advisory_unlock(727272)`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
