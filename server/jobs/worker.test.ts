import { spawn } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { outboxMessages, rooms } from '@/server/db/schema';
import { createNotifications } from '@/server/notifications/create';
import { roomFacts } from '@/server/notifications/facts';
import { roomWithMembers, tenantWithOrganizer } from '@/server/notifications/fixtures';
import { useTestDatabase } from '@/test/database';

const database = useTestDatabase();

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('the worker sends what is due as soon as it starts, then what is written while it runs, and stops cleanly on SIGTERM', async () => {
  const { organizer } = await tenantWithOrganizer('fr');
  const now = new Date();
  const { roomId } = await roomWithMembers(organizer, new Date(now.getTime() + 86_400_000), [], now);
  const [room] = await db().select().from(rooms).where(eq(rooms.id, roomId));
  const facts = (await roomFacts(db(), [room])).get(roomId)!;
  const invite = (email: string) =>
    createNotifications(db(), [{ tenantId: room.tenantId, roomId, kind: 'invitation', facts, recipients: [{ memberId: null, name: email, email }] }], new Date());
  await invite('bob@example.test');

  const { RESEND_API_KEY: _, ...env } = process.env;
  const worker = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'main.ts')], {
    env: { ...env, DATABASE_URL: database.url(), LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    worker.on('exit', (code, signal) => resolve({ code, signal })),
  );

  const stored = (count: number) =>
    waitFor(async () => {
      const rows = await db().select().from(outboxMessages).where(eq(outboxMessages.roomId, roomId));
      return rows.length >= count ? rows.map((m) => m.to).sort() : undefined;
    }, 20_000);
  expect(await stored(1)).toEqual(['bob@example.test']);

  // Written while the worker runs: it hears of it at commit (LISTEN/NOTIFY) rather than at the
  // next minute, though this test only waits for it to arrive.
  await invite('carol@example.test');
  expect(await stored(2)).toEqual(['bob@example.test', 'carol@example.test']);

  worker.kill('SIGTERM');
  expect(await exited).toEqual({ code: 0, signal: null });
}, 40_000);
