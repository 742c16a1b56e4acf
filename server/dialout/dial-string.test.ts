import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDialString } from './dial-string';

describe('parseDialString (A-1, A-4)', () => {
  it('reads the example of A-1: national, extension and international numbers mixed', () => {
    expect(parseDialString('*71*0123456789*23456*0049234564567890')).toEqual({
      ok: true,
      numbers: ['0123456789', '23456', '0049234564567890'],
    });
  });

  it('accepts + international numbers', () => {
    expect(parseDialString('*71*+4930123456')).toEqual({ ok: true, numbers: ['+4930123456'] });
  });

  it.each([
    ['*71*', 'empty-segment'],
    ['*71*123**456', 'empty-segment'],
    ['*71*123*', 'empty-segment'],
    ['*71*12a3', 'not-digits'],
    ['*71*12+3', 'not-digits'],
    ['*71*1*2*3*4*5*6*7*8*9*10*11', 'too-many-numbers'],
    ['*71*123456789012345678901', 'number-too-long'],
    ['*72', 'not-adhoc'],
  ])('refuses %s as %s', (input, error) => {
    expect(parseDialString(input)).toEqual({ ok: false, error });
  });

  it('takes exactly ten numbers of twenty digits', () => {
    const numbers = Array.from({ length: 10 }, (_, i) => `0${i}`.padEnd(20, '1'));
    expect(parseDialString(`*71*${numbers.join('*')}`)).toEqual({ ok: true, numbers });
  });

  it('rings a number given twice only once', () => {
    expect(parseDialString('*71*201*201')).toEqual({ ok: true, numbers: ['201'] });
  });

  it('never throws, and what it accepts is 1-10 numbers of 1-20 digits', () => {
    const alphabet = fc.constantFrom(...'0123456789*+#a '.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet }).map((s) => `*71*${s}`)), (input) => {
        const result = parseDialString(input);
        if (!result.ok) return true;
        expect(result.numbers.length).toBeGreaterThanOrEqual(1);
        expect(result.numbers.length).toBeLessThanOrEqual(10);
        for (const n of result.numbers) expect(n).toMatch(/^\+?\d{1,20}$/);
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses any dial string that holds an empty or non-digit segment', () => {
    const segment = fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 1, maxLength: 5 });
    const bad = fc.constantFrom('', 'x', '1#', '12 3');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), bad, fc.array(segment, { maxLength: 4 }), (before, b, after) => {
        expect(parseDialString(`*71*${[...before, b, ...after].join('*')}`).ok).toBe(false);
      }),
    );
  });
});
