import { sql } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { problem } from './problem';

/** Long enough for a busy database, short enough that a load balancer's probe gets an answer. */
const TIMEOUT_MS = 2_000;

/** API-2 `GET /api/health`: ok once the database answers a query, 503 otherwise. No auth, no tenant data. */
export async function healthResponse(): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('database did not answer in time')), TIMEOUT_MS);
  });
  try {
    await Promise.race([db().execute(sql`select 1`), timeout]);
    return Response.json({ status: 'ok' });
  } catch {
    return problem(503, 'The database does not answer');
  } finally {
    clearTimeout(timer);
  }
}
