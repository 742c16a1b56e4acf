/**
 * A web process in miniature for multi-process tests: sends one command through
 * `requestCommand` from its own process (its own pool and LISTEN) and prints the answer as JSON.
 * Usage: node --import tsx test/request-command.ts '<CommandRequest as JSON>'
 */
import { closeDb } from '@/server/db/client';
import { requestCommand } from '@/server/live/commands';

async function main(): Promise<void> {
  try {
    const result = await requestCommand(JSON.parse(process.argv[2]), { now: new Date() });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: (error as Error).message, status: (error as { status?: number }).status })}\n`);
  } finally {
    await closeDb();
  }
}

void main();
