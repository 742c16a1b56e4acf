import { beforeAll, describe, expect, it } from 'vitest';
import { PATCH } from '@/app/api/v1/rooms/[id]/route';
import { POST } from '@/app/api/v1/rooms/route';
import { actions } from '@/server/actions';
import { executeAction } from '@/server/actions/define';
import { loadTenant } from '@/server/tenants/service';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';
import { call } from './client';

useTestDatabase();

let t: SeededTenant;
let other: SeededTenant;
beforeAll(async () => {
  t = await seedTenant('Pin');
  other = await seedTenant('Free');
});

const room = (roomNumber: string, pin?: string | null) => ({ roomNumber, name: 'Board', startsAt: '2031-06-01T10:00:00+02:00', durationMinutes: 30, ...(pin !== undefined ? { pin } : {}) });

async function requirePin(on: boolean): Promise<void> {
  const tenant = await loadTenant(t.tenantId);
  const result = await executeAction(
    actions.updateTenantSettings,
    t.admin.actor,
    {
      name: tenant.name,
      timezone: tenant.timezone,
      language: tenant.language,
      sipDomain: tenant.sipDomain,
      portalNumbers: tenant.portalNumbers.join('\n'),
      earlyJoinMinutes: String(tenant.earlyJoinMinutes),
      anonymousCallers: 'accept',
      dialOutClasses: tenant.dialOutClasses,
      ...(on ? { requirePin: 'on' } : {}),
    },
    new Date(),
  );
  expect(result.ok).toBe(true);
}

describe('rooms without PIN and the tenant setting requirePin (issue 13)', () => {
  it('the API may create a room without PIN while the tenant does not require one', async () => {
    expect((await call(POST, 'POST', '/api/v1/rooms', { token: t.admin.token, body: room('8001') })).status).toBe(201);
  });

  it('once the settings page requires a PIN, rooms without one are refused (API and form), naming the field', async () => {
    await requirePin(true);
    expect((await loadTenant(t.tenantId)).requirePin).toBe(true);
    const refused = await call(POST, 'POST', '/api/v1/rooms', { token: t.admin.token, body: room('8002') });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual([{ field: 'pin', message: expect.stringMatching(/requires a PIN/) }]);
    expect((await call(POST, 'POST', '/api/v1/rooms', { token: t.admin.token, body: room('8003', '135790') })).status).toBe(201);

    const removed = await call(PATCH, 'PATCH', `/api/v1/rooms/${t.roomIds[0]}`, { token: t.admin.token, params: { id: t.roomIds[0] }, body: { pin: null } });
    expect(removed.status).toBe(400);

    const form = await executeAction(actions.createRoom, t.admin.actor, { roomNumber: '8004', name: 'Form', startsAt: '2031-06-01T10:00', durationMinutes: '30', pin: '', moderatorPin: '', description: '' }, new Date());
    expect(form).toMatchObject({ ok: false, status: 400, fieldErrors: { pin: 'pin.required' } });
  });

  it('another tenant is not affected, and turning the setting off allows rooms without PIN again', async () => {
    expect((await call(POST, 'POST', '/api/v1/rooms', { token: other.admin.token, body: room('8005') })).status).toBe(201);
    await requirePin(false);
    expect((await call(POST, 'POST', '/api/v1/rooms', { token: t.admin.token, body: room('8006') })).status).toBe(201);
  });
});
