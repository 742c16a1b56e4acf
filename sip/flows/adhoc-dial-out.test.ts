import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/test/database';
import { Simulator } from '../telephony/sim/simulator';
import { conferenceRecords, seedTenant } from '../testing/fixtures';

useTestDatabase();

const MIN = 60_000;
const start = new Date('2026-03-02T14:00:00Z');
let tenant: Awaited<ReturnType<typeof seedTenant>>;

beforeAll(async () => {
  tenant = await seedTenant({ outboundRoute: 'sbc.operator.example:5060' });
});

const organizer = (dialled: string, stayMs = 20 * MIN) => ({ dialled, from: { user: '201', host: tenant.sipDomain }, stayMs });

describe('ad-hoc conference *71* (A-1..A-5)', () => {
  it('calls every allowed number at once through the outbound route and joins those who answer (A-1, A-2)', async () => {
    const sim = new Simulator({ at: start, callee: { stayMs: 10 * MIN } });
    const { outcome, sim: call } = await sim.run(organizer('*71*0123456789*23456'));
    expect(outcome).toMatchObject({
      decision: 'admitted',
      tenantId: tenant.tenantId,
      dialOut: [
        { number: '0123456789', result: 'answered' },
        { number: '23456', result: 'answered' },
      ],
    });
    expect(sim.engine.dialled.map((d) => [d.uri, d.timeoutMs, d.headers['P-Asserted-Identity']])).toEqual([
      ['sip:0123456789@sbc.operator.example:5060', 30_000, `<sip:201@${tenant.sipDomain}>`],
      ['sip:23456@sbc.operator.example:5060', 30_000, `<sip:201@${tenant.sipDomain}>`],
    ]);
    expect(call.leg!.heard.slice(0, 2)).toEqual(['adhoc-calling', 'music']);
    const { conference, legs } = await conferenceRecords(outcome.conferenceId!);
    expect(conference).toMatchObject({ kind: 'adhoc', roomId: null, organizerExtension: '201' });
    expect(legs.map((l) => [l.callerNumber, l.role, l.direction])).toEqual([
      ['201', 'organizer', 'inbound'],
      ['0123456789', 'participant', 'outbound'],
      ['23456', 'participant', 'outbound'],
    ]);
  });

  it('does not add callees who are busy or do not answer within 30 s (A-2)', async () => {
    const answers = new Map([
      ['0123456789', 'busy' as const],
      ['0234567890', 'no-answer' as const],
    ]);
    const sim = new Simulator({ at: start, answers, callee: { stayMs: 5 * MIN } });
    const { outcome } = await sim.run(organizer('*71*0123456789*0234567890*0345678901'));
    expect(outcome.dialOut).toEqual([
      { number: '0123456789', result: 'busy' },
      { number: '0234567890', result: 'no-answer' },
      { number: '0345678901', result: 'answered' },
    ]);
    const { legs } = await conferenceRecords(outcome.conferenceId!);
    expect(legs.map((l) => l.callerNumber)).toEqual(['201', '0345678901']);
  });

  it('ends the conference when fewer than two remain (A-3)', async () => {
    const sim = new Simulator({ at: start, callee: { stayMs: 3 * MIN } });
    const { outcome, sim: call } = await sim.run(organizer('*71*23456', 60 * MIN));
    const { conference, legs } = await conferenceRecords(outcome.conferenceId!);
    expect(conference.endReason).toBe('last-participant');
    expect(call.leg!.endedBy).toBe('bridge');
    expect(legs.map((l) => l.endReason)).toEqual(['last-participant', 'hangup']);
  });

  it('tells the organizer when nobody answered and ends the call', async () => {
    const sim = new Simulator({ at: start, answers: new Map([['23456', 'busy' as const]]) });
    const { outcome, sim: call } = await sim.run(organizer('*71*23456'));
    expect(outcome.dialOut).toEqual([{ number: '23456', result: 'busy' }]);
    expect(call.leg!.heard).toContain('adhoc-nobody-answered');
    expect(call.leg!.endedBy).toBe('bridge');
    expect((await conferenceRecords(outcome.conferenceId!)).conference.endReason).toBe('nobody-answered');
  });

  it.each(['*71*', '*71*0123456789**23456', '*71*01234x', '*71*1*2*3*4*5*6*7*8*9*10*11', `*71*${'1'.repeat(21)}`])(
    'refuses the malformed dial string %s with a prompt and dials nothing (A-4)',
    async (dialString) => {
      const sim = new Simulator({ at: start });
      const { outcome, sim: call } = await sim.run(organizer(dialString));
      expect(outcome).toEqual({ decision: 'refused', reason: 'malformed', tenantId: tenant.tenantId });
      expect(call.leg!.heard).toEqual(['adhoc-malformed', 'goodbye']);
      expect(sim.engine.dialled).toEqual([]);
    },
  );

  it('skips, reports and logs numbers the tenant policy refuses; the default allows extensions and national only (A-5)', async () => {
    const sim = new Simulator({ at: start, callee: { stayMs: MIN } });
    const { outcome, sim: call } = await sim.run(organizer('*71*0612345678*0123456789*0049234564567890*0899123456*3615'));
    expect(outcome.dialOut).toEqual([
      { number: '0612345678', result: 'refused-policy' },
      { number: '0123456789', result: 'answered' },
      { number: '0049234564567890', result: 'refused-policy' },
      { number: '0899123456', result: 'refused-policy' },
      { number: '3615', result: 'refused-policy' },
    ]);
    expect(call.leg!.heard.filter((p) => p === 'adhoc-number-refused')).toHaveLength(4);
    expect(sim.engine.dialled.map((d) => d.uri)).toEqual(['sip:0123456789@sbc.operator.example:5060']);
  });

  it('dials mobile and international numbers for a tenant that allows them (A-5)', async () => {
    const open = await seedTenant({ dialOutClasses: ['extension', 'national', 'mobile', 'international'] });
    const sim = new Simulator({ at: start, callee: { stayMs: MIN } });
    const { outcome } = await sim.run({ dialled: '*71*0612345678*+4930123456', from: { user: '201', host: open.sipDomain } });
    expect(outcome.dialOut).toEqual([
      { number: '0612345678', result: 'answered' },
      { number: '+4930123456', result: 'answered' },
    ]);
  });

  it('refuses with nothing dialled when every number is refused by the policy', async () => {
    const sim = new Simulator({ at: start });
    const { outcome, sim: call } = await sim.run(organizer('*71*0899123456'));
    expect(outcome).toEqual({ decision: 'refused', tenantId: tenant.tenantId, dialOut: [{ number: '0899123456', result: 'refused-policy' }] });
    expect(call.leg!.heard).toEqual(['adhoc-number-refused', 'goodbye']);
    expect(sim.engine.dialled).toEqual([]);
  });

  it('accepts *71* only from an extension of the tenant (A-1)', async () => {
    const sim = new Simulator({ at: start });
    const stranger = await sim.run({ dialled: '*71*0123456789', from: { user: '999', host: tenant.sipDomain } });
    expect(stranger.sim).toMatchObject({ refusedWith: 404, leg: null });
    expect(stranger.outcome).toEqual({ decision: 'refused', reason: 'no-tenant' });
    const outsider = await sim.run({ dialled: '*71*0123456789', from: { user: '201', host: 'elsewhere.example.org' } });
    expect(outsider.sim.refusedWith).toBe(404);
    expect(sim.engine.dialled).toEqual([]);
  });
});
