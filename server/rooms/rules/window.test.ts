import { describe, expect, it } from 'vitest';
import { roomStatus, roomWindow, windowStatus } from './window';

const schedule = { startsAt: new Date('2026-12-01T09:00:00Z'), durationMinutes: 30 };
const at = (iso: string) => new Date(iso);

describe('R-4 window', () => {
  it('opens earlyJoin minutes before the start and closes start + duration later', () => {
    expect(roomWindow(schedule, 5)).toEqual({ opensAt: at('2026-12-01T08:55:00Z'), closesAt: at('2026-12-01T09:30:00Z') });
  });

  it('opens at the start itself when early join is 0', () => {
    expect(roomWindow(schedule, 0).opensAt).toEqual(schedule.startsAt);
  });
});

describe('R-5 status at each edge', () => {
  const window = roomWindow(schedule, 5);
  it.each([
    ['2026-12-01T08:54:59.999Z', 'scheduled'],
    ['2026-12-01T08:55:00.000Z', 'open'],
    ['2026-12-01T09:00:00.000Z', 'open'],
    ['2026-12-01T09:29:59.999Z', 'open'],
    ['2026-12-01T09:30:00.000Z', 'expired'],
    ['2027-01-01T00:00:00.000Z', 'expired'],
  ])('at %s the room is %s', (now, status) => {
    expect(windowStatus(window, at(now))).toBe(status);
  });

  it('a larger early join opens the room sooner', () => {
    expect(roomStatus(schedule, 5, at('2026-12-01T08:50:00Z'))).toBe('scheduled');
    expect(roomStatus(schedule, 10, at('2026-12-01T08:50:00Z'))).toBe('open');
  });
});
