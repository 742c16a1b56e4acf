import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;

let sqlClient: postgres.Sql | undefined;
let database: Db | undefined;

/** One pool per process, opened on first use so that the launcher can set DATABASE_URL first. */
export function db(): Db {
  if (database) return database;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: start through `npm start` or `npm run cli`, which provide the embedded database');
  sqlClient = postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // A database that is down answers 503 within seconds rather than holding requests for 30 s.
    connect_timeout: 5,
    onnotice: () => {},
  });
  database = drizzle(sqlClient, { schema });
  return database;
}

/**
 * LISTEN on the process's client: postgres.js keeps one dedicated connection for all the
 * channels of the process, and listens again after a reconnect.
 */
export async function listen(channel: string, onMessage: (payload: string) => void): Promise<{ unlisten: () => Promise<void> }> {
  db();
  const meta = await sqlClient!.listen(channel, onMessage);
  return { unlisten: async () => void (await meta.unlisten()) };
}

/** The pool's postgres.js client, for what drizzle does not offer: a server-side cursor (H-3 exports). */
export function rawClient(): postgres.Sql {
  db();
  return sqlClient!;
}

export async function closeDb(): Promise<void> {
  const client = sqlClient;
  sqlClient = undefined;
  database = undefined;
  await client?.end({ timeout: 5 });
}
