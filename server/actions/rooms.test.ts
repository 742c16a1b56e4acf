import { beforeAll, describe, expect, it } from 'vitest';
import { executeAction } from '@/server/actions/define';
import { actions } from '@/server/actions';
import { getRoom } from '@/server/rooms/service';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';

useTestDatabase();

const now = new Date('2026-11-21T08:00:00Z');
const form = { name: 'Weekly', roomNumber: '5555', startsAt: '2027-01-15T10:30', durationMinutes: '60', pin: '123456', moderatorPin: '', description: '' };

/** The room form as the portal submits it: wall-clock start in the tenant's zone (Europe/Paris). */
describe('room form actions', () => {
  let tenant: SeededTenant;
  beforeAll(async () => {
    tenant = await seedTenant('Form', { now });
  });

  it('stores the typed local time as the instant it means in the tenant zone (R-3)', async () => {
    const result = await executeAction(actions.createRoom, tenant.subscriber.actor, form, now);
    expect(result).toMatchObject({ ok: true, data: { ambiguousStart: false, room: { startsAt: '2027-01-15T09:30:00.000Z', pin: '123456', moderatorPin: null } } });
  });

  it('reports a bad PIN and a start in the spring-forward gap together, each on its field (R-2, R-3)', async () => {
    const result = await executeAction(actions.createRoom, tenant.subscriber.actor, { ...form, roomNumber: '5556', pin: '12ab', startsAt: '2027-03-28T02:30' }, now);
    expect(result).toEqual({ ok: false, status: 400, code: 'action.validation', fieldErrors: { startsAt: 'startsAt.gap', pin: 'pin.format' } });
  });

  it('refuses a start that is not a date and time, and an empty name', async () => {
    const result = await executeAction(actions.createRoom, tenant.subscriber.actor, { ...form, roomNumber: '12', name: ' ', startsAt: '' }, now);
    expect(result).toMatchObject({ ok: false, fieldErrors: { startsAt: 'startsAt.local', name: 'name.required', roomNumber: 'roomNumber.format' } });
  });

  it('takes the first occurrence of a fall-back hour and says so (R-3)', async () => {
    const result = await executeAction(actions.createRoom, tenant.subscriber.actor, { ...form, roomNumber: '5557', startsAt: '2027-10-31T02:30' }, now);
    expect(result).toMatchObject({ ok: true, data: { ambiguousStart: true, room: { startsAt: '2027-10-31T00:30:00.000Z' } } });
  });

  it('reschedules an expired room with a new start (R-5)', async () => {
    const booked = new Date('2026-10-20T08:00:00Z');
    const past = await executeAction(actions.createRoom, tenant.subscriber.actor, { ...form, roomNumber: '5558', startsAt: '2026-11-01T09:00' }, booked);
    if (!past.ok) throw new Error('setup failed');
    expect((await getRoom(tenant.subscriber.actor, past.data.room.id, now)).status).toBe('expired');
    const result = await executeAction(actions.updateRoom, tenant.subscriber.actor, { ...form, roomId: past.data.room.id, roomNumber: '5558', startsAt: '2026-12-01T09:00' }, now);
    expect(result).toMatchObject({ ok: true, data: { room: { status: 'scheduled', startsAt: '2026-12-01T08:00:00.000Z', scheduleVersion: 2 } } });
  });

  it('refuses a start whose window has closed, on its field; a past start with the window still open is open now (R-4, R-5)', async () => {
    const closed = await executeAction(actions.createRoom, tenant.subscriber.actor, { ...form, roomNumber: '5560', startsAt: '2026-11-21T07:59', durationMinutes: '60' }, now);
    expect(closed).toMatchObject({ ok: false, status: 400, fieldErrors: { startsAt: 'startsAt.closed' } });
    const open = await executeAction(actions.createRoom, tenant.subscriber.actor, { ...form, roomNumber: '5560', startsAt: '2026-11-21T08:30', durationMinutes: '60' }, now);
    expect(open).toMatchObject({ ok: true, data: { room: { status: 'open', startsAt: '2026-11-21T07:30:00.000Z' } } });
  });

  it('says the year has four digits when the date field let a fifth one through', async () => {
    const result = await executeAction(actions.createRoom, tenant.subscriber.actor, { ...form, roomNumber: '5561', startsAt: '20270-01-15T10:30' }, now);
    expect(result).toMatchObject({ ok: false, fieldErrors: { startsAt: 'startsAt.year' } });
  });

  it('answers a taken room number on its field (R-2)', async () => {
    const result = await executeAction(actions.createRoom, tenant.subscriber.actor, { ...form, startsAt: '2027-01-16T10:30' }, now);
    expect(result).toEqual({ ok: false, status: 409, code: 'roomNumber.taken', fieldErrors: { roomNumber: 'roomNumber.taken' } });
  });

  it("lets a subscriber read but not change another's room (T-4)", async () => {
    const adminsRoom = tenant.roomIds[0];
    const result = await executeAction(actions.updateRoom, tenant.subscriber.actor, { ...form, roomId: adminsRoom, roomNumber: '1001' }, now);
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect((await getRoom(tenant.subscriber.actor, adminsRoom, now)).name).toBe('Room Form 1');
  });

  it('stores every room option from the form: checked boxes, the limit, the report choice and its address (C-7, H-5)', async () => {
    const options = { enterMuted: 'on', waitForModerator: 'on', endWhenLastModeratorLeaves: 'on', recordFromStart: 'on', maxParticipants: '12', reportTo: 'other', reportEmail: 'Reports@Example.com', reportWhenAlone: 'on' };
    const created = await executeAction(actions.createRoom, tenant.subscriber.actor, { ...form, roomNumber: '5570', ...options }, now);
    expect(created).toMatchObject({
      ok: true,
      data: {
        room: {
          enterMuted: true,
          waitForModerator: true,
          endWhenLastModeratorLeaves: true,
          recordFromStart: true,
          // Unchecked boxes are absent from a submitted form: off.
          announceJoinLeave: false,
          announceRecording: false,
          maxParticipants: 12,
          reportRecipient: 'reports@example.com',
          reportWhenAlone: true,
        },
      },
    });
    if (!created.ok) throw new Error('setup failed');
    const changed = await executeAction(actions.updateRoom, tenant.subscriber.actor, { ...form, roomId: created.data.room.id, roomNumber: '5571', announceJoinLeave: 'on', maxParticipants: '500', reportTo: 'none' }, now);
    expect(changed).toMatchObject({ ok: true, data: { room: { enterMuted: false, announceJoinLeave: true, maxParticipants: 500, reportRecipient: 'none', reportWhenAlone: false } } });
  });

  it.each([
    [{ maxParticipants: '1' }, 'maxParticipants', 'maxParticipants.range'],
    [{ maxParticipants: '501' }, 'maxParticipants', 'maxParticipants.range'],
    [{ maxParticipants: 'sixty' }, 'maxParticipants', 'maxParticipants.range'],
    [{ reportTo: 'other', reportEmail: '' }, 'reportRecipient', 'reportRecipient.format'],
    [{ reportTo: 'other', reportEmail: 'none' }, 'reportRecipient', 'reportRecipient.format'],
    [{ reportTo: 'somebody' }, 'reportRecipient', 'reportRecipient.format'],
  ])('refuses a bad option on its field and creates nothing: %j', async (bad, field, code) => {
    const result = await executeAction(actions.createRoom, tenant.subscriber.actor, { ...form, roomNumber: '5561', ...bad }, now);
    expect(result).toMatchObject({ ok: false, status: 400, fieldErrors: { [field]: code } });
  });
});
