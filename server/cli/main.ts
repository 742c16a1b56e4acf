import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { closeDb } from '@/server/db/client';
import { openDatabase, type DatabaseHandle } from '@/server/db/embedded';
import { migrateDatabase } from '@/server/db/migrate';
import { describeError } from './output';

/** `npm run cli -- …` (API-3): finds the same database as the app, running or not. */
async function main(argv: string[]): Promise<number> {
  const program = new Command('cli')
    .description('Operator command line of the conference bridge')
    .option('--json', 'print one JSON object')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  const commandsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'commands');
  for (const file of (await readdir(commandsDir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) {
    const module = (await import(pathToFileURL(path.join(commandsDir, file)).href)) as { register: (p: Command) => void };
    module.register(program);
  }

  let database: DatabaseHandle | undefined;
  program.hook('preAction', async () => {
    database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? './.data' });
    await migrateDatabase(database.url);
    process.env.DATABASE_URL = database.url;
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const described = describeError(error);
    if (program.opts().json) process.stdout.write(`${JSON.stringify({ error: described })}\n`);
    else {
      process.stderr.write(`error: ${described.message}\n`);
      for (const e of described.errors ?? []) process.stderr.write(`  ${e.field}: ${e.message}\n`);
    }
    return 1;
  } finally {
    await closeDb();
    await database?.stop();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
