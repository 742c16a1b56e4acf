import { describe, expect, it } from 'vitest';
import { tenantSettingsSchema } from './schemas';

const valid = {
  name: 'Acme',
  timezone: 'Europe/Paris',
  language: 'fr',
  sipDomain: 'pbx.acme.test',
  portalNumbers: ['+33123456789'],
  earlyJoinMinutes: 5,
  rejectAnonymous: false,
  dialOutPolicy: ['extension', 'national'],
  maskCallerNumbers: true,
};

describe('T-2 tenant settings', () => {
  it('names every bad field', () => {
    const result = tenantSettingsSchema.safeParse({ ...valid, timezone: 'Paris', language: 'nl', earlyJoinMinutes: 90, portalNumbers: [], dialOutPolicy: ['satellite'], outboundRoute: 'sbc?x' });
    expect(Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]))).toEqual({
      timezone: 'timezone.invalid',
      language: 'language.choice',
      earlyJoinMinutes: 'earlyJoinMinutes.range',
      portalNumbers: 'portalNumber.required',
      'dialOutPolicy.0': 'dialOutClasses.choice',
      outboundRoute: 'outboundRoute.format',
    });
  });
});
