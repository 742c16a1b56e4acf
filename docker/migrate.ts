/** One-shot compose service: applies migrations before web, worker and sip start. */
import { migrateDatabase } from '@/server/db/migrate';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
await migrateDatabase(url);
process.stdout.write('migrations applied\n');
