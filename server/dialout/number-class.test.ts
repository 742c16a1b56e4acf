import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIAL_OUT_CLASSES } from '@/server/db/schema/tenants';
import { applyDialOutPolicy, classifyNumber } from './number-class';
import { parseDialString } from './dial-string';
import { outboundUri } from './route';

describe('classifyNumber (A-5, French plan)', () => {
  it.each([
    ['0123456789', 'national'],
    ['0512345678', 'national'],
    ['0912345678', 'national'],
    ['0612345678', 'mobile'],
    ['0712345678', 'mobile'],
    ['0899123456', 'premium'],
    ['0049234564567890', 'international'],
    ['+4930123456', 'international'],
    ['+33123456789', 'national'],
    ['0033612345678', 'mobile'],
    ['+33899123456', 'premium'],
    ['23456', 'extension'],
    ['012345', 'unknown'],
    ['1234567', 'unknown'],
  ])('%s is %s', (number, expected) => {
    expect(classifyNumber(number)).toBe(expected);
  });
});

describe('applyDialOutPolicy (A-5)', () => {
  const defaults = ['extension', 'national'] as const;
  const extensions = new Set(['23456']);

  it('by default allows extensions of the tenant and national numbers only', () => {
    const decisions = applyDialOutPolicy(['0123456789', '23456', '0612345678', '0049234564567890', '0899123456'], defaults, extensions);
    expect(decisions.map((d) => [d.number, d.allowed])).toEqual([
      ['0123456789', true],
      ['23456', true],
      ['0612345678', false],
      ['0049234564567890', false],
      ['0899123456', false],
    ]);
  });

  it('refuses a short number that is not an extension of the tenant (short premium codes)', () => {
    expect(applyDialOutPolicy(['3615'], defaults, extensions)[0].allowed).toBe(false);
  });

  it('allows international numbers only when the tenant allows that class', () => {
    expect(applyDialOutPolicy(['+4930123456'], ['international'], extensions)[0].allowed).toBe(true);
  });

  it('under random dial strings, never throws and never allows a class the tenant did not allow', () => {
    const classes = fc.subarray([...DIAL_OUT_CLASSES]);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789*+'.split('')) }), classes, (tail, allowed) => {
        const parsed = parseDialString(`*71*${tail}`);
        if (!parsed.ok) return;
        for (const d of applyDialOutPolicy(parsed.numbers, allowed, extensions)) {
          if (d.allowed) expect(allowed).toContain(d.numberClass);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('outboundUri', () => {
  it('sends every leg through the tenant outbound route', () => {
    expect(outboundUri('0123456789', { outboundRoute: 'sbc.example.net:5060', sipDomain: 'acme.pbx' })).toBe(
      'sip:0123456789@sbc.example.net:5060',
    );
    expect(outboundUri('201', { outboundRoute: null, sipDomain: 'acme.pbx' })).toBe('sip:201@acme.pbx');
  });
});
