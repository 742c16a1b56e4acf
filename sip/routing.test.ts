import { describe, expect, it } from 'vitest';
import { callerIdentity, routeCall } from './routing';

describe('routeCall (D-1, A-1)', () => {
  it.each([
    ['+33187654321', { kind: 'portal-number', number: '+33187654321' }],
    ['0033187654321', { kind: 'portal-number', number: '+33187654321' }],
    ['33187654321', { kind: 'portal-number', number: '+33187654321' }],
    ['*72', { kind: 'star72' }],
    ['%2A72', { kind: 'star72' }],
    ['*71*0123456789*23456', { kind: 'adhoc', dialString: '*71*0123456789*23456' }],
    ['*71*12ab', { kind: 'adhoc', dialString: '*71*12ab' }],
    ['alice', { kind: 'unknown' }],
    ['201', { kind: 'unknown' }],
    ['%E0%A4%A', { kind: 'unknown' }],
    ['*73', { kind: 'star73' }],
    ['*74', { kind: 'unknown' }],
  ])('%s → %o', (dialled, route) => {
    expect(routeCall(dialled)).toEqual(route);
  });
});

describe('callerIdentity (D-2)', () => {
  const from = (user: string | null, host = 'carrier.example.com', displayName: string | null = null) => ({ user, host, displayName });

  it('takes the number and name of a plain caller', () => {
    expect(callerIdentity({ from: from('+33612345678', 'carrier.example.com', 'Alice'), privacy: null, assertedIdentity: null })).toEqual({
      number: '+33612345678',
      name: 'Alice',
      domain: 'carrier.example.com',
      anonymous: false,
    });
  });

  it.each([
    ['no user', { from: from(null), privacy: null, assertedIdentity: null }],
    ['anonymous', { from: from('Anonymous', 'anonymous.invalid'), privacy: null, assertedIdentity: null }],
    ['privacy id', { from: from('+33612345678'), privacy: 'id', assertedIdentity: null }],
    ['privacy header', { from: from('+33612345678'), privacy: 'header', assertedIdentity: null }],
    ['privacy id with a PAI', { from: from('+33612345678'), privacy: 'id', assertedIdentity: { user: '+33612345678', host: 'x' } }],
    ['a From user with markup', { from: from('<script>'), privacy: null, assertedIdentity: null }],
  ])('hides the caller with %s', (_, call) => {
    expect(callerIdentity(call)).toMatchObject({ number: null, name: null, anonymous: true });
  });

  it('prefers a P-Asserted-Identity to From (RFC 3325) when privacy is none', () => {
    expect(callerIdentity({ from: from('anonymous'), privacy: 'none', assertedIdentity: { user: '0612345678', host: 'x' } })).toMatchObject({
      number: '0612345678',
      anonymous: false,
    });
  });
});
