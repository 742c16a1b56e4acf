import { beforeAll, describe, expect, it } from 'vitest';
import { roomWithMembers, tenantWithOrganizer } from '@/server/notifications/fixtures';
import { sendInvitations } from '@/server/notifications/invite';
import { runCli } from '@/test/cli';
import { useTestDatabase } from '@/test/database';

const database = useTestDatabase();

/** No RESEND_API_KEY: the outbox is the transport (E-6). */
function withoutResend(): NodeJS.ProcessEnv {
  const { RESEND_API_KEY: _, ...rest } = process.env;
  return rest;
}

const cli = (...args: string[]) => runCli(database.url(), args, withoutResend());

const today = new Date(Date.UTC(2030, 8, 1, 8, 0));
const startsAt = new Date(Date.UTC(2030, 8, 2, 12, 0));
let roomId = '';

beforeAll(async () => {
  const { organizer } = await tenantWithOrganizer('en');
  const people = [
    { name: 'Bob', email: 'bob@example.test', sendEmail: true },
    { name: 'Carol', email: 'carol@example.test', sendEmail: true },
  ];
  ({ roomId } = await roomWithMembers(organizer, startsAt, people, today));
  await sendInvitations(organizer, roomId, () => today);
});

describe('API-3 jobs and outbox commands', () => {
  it('outbox list shows every stored email with its attachments named', async () => {
    const { code, json } = await cli('outbox', 'list');
    expect(code).toBe(0);
    expect(json.items).toHaveLength(3);
    expect(Object.keys(json.items[0]).sort()).toEqual(['attachments', 'createdAt', 'id', 'kind', 'roomId', 'sentAt', 'subject', 'to']);
    expect(json.items[0]).toMatchObject({ kind: 'invitation', roomId, attachments: [{ filename: 'invite.ics', contentType: expect.stringContaining('text/calendar') }] });
  });

  it('outbox show prints the whole message, the .ics as text', async () => {
    const { json: list } = await cli('outbox', 'list');
    const bob = list.items.find((m: { to: string }) => m.to === 'bob@example.test');
    const { code, json } = await cli('outbox', 'show', bob.id);
    expect(code).toBe(0);
    expect(Object.keys(json).sort()).toEqual(['attachments', 'html', 'id', 'kind', 'subject', 'text', 'to']);
    expect(json.text).toContain('*72');
    expect(json.html).toContain('tel:');
    expect(json.attachments[0].content).toContain('METHOD:REQUEST');
  });

  it('outbox show answers "not found" for an unknown id', async () => {
    const { code, json } = await cli('outbox', 'show', 'nope');
    expect(code).toBe(1);
    expect(json.error.message).toMatch(/not found/);
  });

  it('jobs run-due sends the reminders due as of --now, once', async () => {
    const thirtyBefore = new Date(startsAt.getTime() - 30 * 60_000).toISOString();
    expect(await cli('jobs', 'run-due', '--now', thirtyBefore)).toEqual({ code: 0, json: { sent: 3 } });
    expect(await cli('jobs', 'run-due', '--now', thirtyBefore)).toEqual({ code: 0, json: { sent: 0 } });
  });

  it('jobs run-due refuses a --now that is not an instant, naming it', async () => {
    const { code, json } = await cli('jobs', 'run-due', '--now', 'tomorrow');
    expect(code).toBe(1);
    expect(json.error.errors).toEqual([{ field: 'now', message: expect.stringContaining('offset') }]);
  });
});
