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
  it.each(['/var/lib/conference/acme-welcome.wav', '/sounds/fr/bienvenue.mp3'])('accepts %s as the welcome announcement', (path) => {
    expect(tenantSettingsSchema.safeParse({ ...valid, welcomeAnnouncement: path }).success).toBe(true);
  });

  it.each(['welcome.wav', '/var/../etc/passwd.wav', '/tmp/a.txt', '{execute_on_answer=x}/a.wav', 'http://x/a.wav', '/a b.wav'])(
    'refuses %j as the welcome announcement, naming the field',
    (path) => {
      const result = tenantSettingsSchema.safeParse({ ...valid, welcomeAnnouncement: path });
      expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual(['welcomeAnnouncement', 'welcomeAnnouncement.format']);
    },
  );

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
