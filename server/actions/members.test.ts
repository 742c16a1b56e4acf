import { beforeAll, describe, expect, it } from 'vitest';
import { executeAction } from '@/server/actions/define';
import { actions } from '@/server/actions';
import { listMembers } from '@/server/members/service';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';

useTestDatabase();

const now = new Date();

/** The member form as the portal submits it: the name search's pick, or a free name (M-1). */
describe('member form actions', () => {
  let tenant: SeededTenant;
  beforeAll(async () => {
    tenant = await seedTenant('Team', { now });
  });
  const room = () => tenant.roomIds[1];

  it('finds extensions and directory entries by part of a name', async () => {
    const result = await executeAction(actions.searchMemberCandidates, tenant.subscriber.actor, { q: 'team' }, now);
    expect(result.ok && result.data.map((c) => `${c.source}:${c.name}`)).toEqual([
      'extension:Extension Team',
      'extension:Subscriber Team',
      'directory:Contact Team',
    ]);
  });

  it('adds the picked extension with its name and email, and a free name without email', async () => {
    const picked = await executeAction(
      actions.addMember,
      tenant.subscriber.actor,
      { roomId: room(), source: 'extension', ref: '202', name: 'Extension Team', email: '', sendEmail: 'on' },
      now,
    );
    expect(picked).toMatchObject({ ok: true, data: { source: 'extension', extension: '202', name: 'Extension Team', sendEmail: true } });
    const free = await executeAction(actions.addMember, tenant.subscriber.actor, { roomId: room(), source: 'name', ref: '', name: 'Guest', email: '' }, now);
    expect(free).toMatchObject({ ok: true, data: { source: 'name', name: 'Guest', sendEmail: false } });
    expect((await listMembers(tenant.subscriber.actor, room())).map((m) => m.name)).toEqual(['Extension Team', 'Guest']);
  });

  it('names the field of a bad email and of a missing name', async () => {
    const result = await executeAction(actions.addMember, tenant.subscriber.actor, { roomId: room(), source: 'name', name: '', email: 'nope' }, now);
    expect(result).toMatchObject({ ok: false, status: 400, fieldErrors: { name: 'name.required', email: 'email.format' } });
  });

  it('edits a member as a remove and an add that keeps its source (M-2)', async () => {
    const [ext] = await listMembers(tenant.subscriber.actor, room());
    const edited = await executeAction(
      actions.replaceMember,
      tenant.subscriber.actor,
      { roomId: room(), memberId: ext.id, name: 'Desk 202', email: 'desk@example.com' },
      now,
    );
    expect(edited).toMatchObject({ ok: true, data: { source: 'extension', extension: '202', name: 'Desk 202', email: 'desk@example.com', sendEmail: false } });
    expect(edited.ok && edited.data.id).not.toBe(ext.id);
    const refused = await executeAction(actions.replaceMember, tenant.subscriber.actor, { roomId: room(), memberId: edited.ok ? edited.data.id : '', name: '' }, now);
    expect(refused).toMatchObject({ ok: false, fieldErrors: { name: 'name.required' } });
    expect((await listMembers(tenant.subscriber.actor, room())).map((m) => m.name)).toEqual(['Guest', 'Desk 202']);
  });

  it('refuses "send emails" without an email address, on the add and the edit forms, naming email (issue 12.8, M-3)', async () => {
    const before = await listMembers(tenant.subscriber.actor, room());
    const added = await executeAction(actions.addMember, tenant.subscriber.actor, { roomId: room(), source: 'name', ref: '', name: 'Nomail', email: '', sendEmail: 'on' }, now);
    expect(added).toMatchObject({ ok: false, status: 400, fieldErrors: { email: 'email.requiredToSend' } });
    const guest = before.find((m) => m.name === 'Guest')!;
    const edited = await executeAction(actions.replaceMember, tenant.subscriber.actor, { roomId: room(), memberId: guest.id, name: 'Guest', email: '', sendEmail: 'on' }, now);
    expect(edited).toMatchObject({ ok: false, status: 400, fieldErrors: { email: 'email.requiredToSend' } });
    expect(await listMembers(tenant.subscriber.actor, room())).toEqual(before);
  });

  it('removes a member', async () => {
    const [first] = await listMembers(tenant.subscriber.actor, room());
    expect(await executeAction(actions.removeMember, tenant.subscriber.actor, { roomId: room(), memberId: first.id }, now)).toMatchObject({ ok: true });
    expect((await listMembers(tenant.subscriber.actor, room())).map((m) => m.name)).toEqual(['Desk 202']);
  });
});
