import { beforeAll, describe, expect, it } from 'vitest';
import { actions } from '@/server/actions';
import { executeAction } from '@/server/actions/define';
import { loadTenant } from '@/server/tenants/service';
import { useTestDatabase } from '@/test/database';
import { seedTenant, type SeededTenant } from '@/test/seed';

useTestDatabase();

let t: SeededTenant;
let other: SeededTenant;
beforeAll(async () => {
  t = await seedTenant('Settings');
  other = await seedTenant('Neighbour');
});

/** The settings form as the browser sends it: strings, checkboxes "on" or absent. */
const form = (over: Record<string, unknown> = {}) => ({
  name: 'Acme',
  timezone: 'Europe/Paris',
  language: 'fr',
  sipDomain: `settings${Date.now()}.pbx.example.com`,
  portalNumbers: '+33140000001',
  outboundRoute: '',
  earlyJoinMinutes: '5',
  anonymousCallers: 'accept',
  dialOutClasses: ['extension', 'national'],
  ...over,
});
const save = (input: Record<string, unknown>) => executeAction(actions.updateTenantSettings, t.admin.actor, input, new Date());

describe('the settings page action (T-2)', () => {
  it('saves number masking from its checkbox', async () => {
    expect((await save(form())).ok).toBe(true);
    expect((await loadTenant(t.tenantId)).maskCallerNumbers).toBe(false);
    expect((await save(form({ maskCallerNumbers: 'on' }))).ok).toBe(true);
    expect((await loadTenant(t.tenantId)).maskCallerNumbers).toBe(true);
  });

  it('names the portal number refused by its place in the list, for a bad one and for one another tenant holds', async () => {
    const neighbours = (await loadTenant(other.tenantId)).portalNumbers[0];
    expect(await save(form({ portalNumbers: '+33140000001\n0123' }))).toMatchObject({ ok: false, fieldErrors: { 'portalNumbers.1': 'portalNumber.format' } });
    expect(await save(form({ portalNumbers: `+33140000001\n+33140000002\n${neighbours}` }))).toMatchObject({
      ok: false,
      status: 409,
      fieldErrors: { 'portalNumbers.2': 'portalNumber.taken' },
    });
    expect((await loadTenant(t.tenantId)).portalNumbers).toEqual(['+33140000001']);
  });

  it.each(['sbc.example.net\r\nX: y', 'sbc.example.net?a=b', 'sip:x@sbc.example.net'])('refuses the outbound route %j on its field', async (route) => {
    expect(await save(form({ outboundRoute: route }))).toMatchObject({ ok: false, fieldErrors: { outboundRoute: 'outboundRoute.format' } });
  });
});
