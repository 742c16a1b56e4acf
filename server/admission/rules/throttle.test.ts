import { describe, expect, it } from 'vitest';
import { callerBucket, callerLockedUntil, roomLockedUntil, type WrongEntry } from './throttle';

const MIN = 60_000;
const t0 = Date.parse('2026-03-02T09:00:00Z');
const burst = (count: number, everyMs: number) => Array.from({ length: count }, (_, i) => t0 + i * everyMs);

describe('callerLockedUntil (D-5, per caller)', () => {
  it('does not lock on ten wrong entries', () => {
    expect(callerLockedUntil(burst(10, 10_000), new Date(t0 + 2 * MIN))).toBeNull();
  });

  it('locks at the eleventh wrong entry within ten minutes, for ten minutes from it', () => {
    const entries = burst(11, 30_000);
    const eleventh = entries[10];
    expect(callerLockedUntil(entries, new Date(eleventh))).toEqual(new Date(eleventh + 10 * MIN));
    expect(callerLockedUntil(entries, new Date(eleventh + 10 * MIN - 1))).not.toBeNull();
    expect(callerLockedUntil(entries, new Date(eleventh + 10 * MIN))).toBeNull();
  });

  it('does not lock when the eleven entries are spread over more than ten minutes', () => {
    expect(callerLockedUntil(burst(11, 61_000), new Date(t0 + 11 * MIN))).toBeNull();
  });

  it('ignores entries recorded after now', () => {
    expect(callerLockedUntil(burst(11, 1000), new Date(t0 + 5_000))).toBeNull();
  });

  it('puts every hidden-number caller in one bucket', () => {
    expect([callerBucket(null), callerBucket('+33612345678')]).toEqual(['hidden', '+33612345678']);
  });
});

describe('roomLockedUntil (D-5, guessing spread over many callers)', () => {
  const spread = (count: number, callers: number, everyMs = 10_000): WrongEntry[] =>
    Array.from({ length: count }, (_, i) => ({ at: t0 + i * everyMs, caller: `+3361000000${i % callers}` }));

  it('never locks the room for one caller, however many wrong PINs', () => {
    expect(roomLockedUntil(spread(200, 1, 1000), new Date(t0 + 4 * MIN))).toBeNull();
  });

  it('never locks for three callers, however many wrong PINs', () => {
    expect(roomLockedUntil(spread(90, 3, 1000), new Date(t0 + 2 * MIN))).toBeNull();
  });

  it('does not lock on thirty wrong PINs from many callers', () => {
    expect(roomLockedUntil(spread(30, 10), new Date(t0 + 5 * MIN))).toBeNull();
  });

  it('locks at the 31st wrong PIN within ten minutes from four or more callers, for ten minutes', () => {
    const entries = spread(31, 4);
    const last = entries[30].at;
    expect(roomLockedUntil(entries, new Date(last))).toEqual(new Date(last + 10 * MIN));
    expect(roomLockedUntil(entries, new Date(last + 10 * MIN))).toBeNull();
  });

  it('does not lock when the 31 wrong PINs are spread over more than ten minutes', () => {
    expect(roomLockedUntil(spread(31, 8, 21_000), new Date(t0 + 11 * MIN))).toBeNull();
  });

  it('counts the callers of the window only: four callers long ago and one now do not lock', () => {
    const old = spread(4, 4, 1000);
    const recent = Array.from({ length: 30 }, (_, i) => ({ at: t0 + 11 * MIN + i * 1000, caller: '+33699999999' }));
    expect(roomLockedUntil([...old, ...recent], new Date(t0 + 12 * MIN))).toBeNull();
  });
});
