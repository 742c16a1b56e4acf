import { describe, expect, it } from 'vitest';
import { maskNumber } from './mask';

describe('maskNumber (L-3)', () => {
  it('hides every digit but the last four', () => {
    expect(maskNumber('+33612345678', true)).toBe('+•••••••5678');
    expect(maskNumber('0612345678', true)).toBe('••••••5678');
  });
  it('leaves short numbers (extensions) and hidden numbers as they are', () => {
    expect(maskNumber('201', true)).toBe('201');
    expect(maskNumber('2012', true)).toBe('2012');
    expect(maskNumber(null, true)).toBeNull();
  });
  it('shows the whole number when the tenant turned masking off', () => {
    expect(maskNumber('+33612345678', false)).toBe('+33612345678');
  });
});
