import { describe, expect, it } from 'vitest';
import { pinLockedUntil } from './throttle';

const MIN = 60_000;
const t0 = Date.parse('2026-03-02T09:00:00Z');
const burst = (count: number, everyMs: number) => Array.from({ length: count }, (_, i) => t0 + i * everyMs);

describe('pinLockedUntil (D-5)', () => {
  it('does not lock on ten wrong PINs', () => {
    expect(pinLockedUntil(burst(10, 10_000), new Date(t0 + 2 * MIN))).toBeNull();
  });

  it('locks at the eleventh wrong PIN within ten minutes, for ten minutes from it', () => {
    const attempts = burst(11, 30_000);
    const eleventh = attempts[10];
    expect(pinLockedUntil(attempts, new Date(eleventh))).toEqual(new Date(eleventh + 10 * MIN));
    expect(pinLockedUntil(attempts, new Date(eleventh + 10 * MIN - 1))).not.toBeNull();
    expect(pinLockedUntil(attempts, new Date(eleventh + 10 * MIN))).toBeNull();
  });

  it('does not lock when the eleven attempts are spread over more than ten minutes', () => {
    expect(pinLockedUntil(burst(11, 61_000), new Date(t0 + 11 * MIN))).toBeNull();
  });

  it('ignores attempts recorded after now', () => {
    expect(pinLockedUntil(burst(11, 1000), new Date(t0 + 5_000))).toBeNull();
  });
});
