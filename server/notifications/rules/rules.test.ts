import { describe, expect, it } from 'vitest';
import { roomWindow } from '@/server/rooms/rules/window';
import { dueReminder } from './reminders';
import { MAX_ATTEMPTS, retryDelayMs, shouldRetry } from './retry';

const startsAt = new Date('2026-12-01T13:00:00Z');
const window = roomWindow({ startsAt, durationMinutes: 60 }, 5);
const at = (minutesFromStart: number) => new Date(startsAt.getTime() + minutesFromStart * 60_000);
const invitedLongAgo = at(-3 * 24 * 60);

describe('dueReminder (M-4)', () => {
  it('is nothing before 30 minutes before the start', () => {
    expect(dueReminder({ startsAt, window, invitedAt: invitedLongAgo, now: at(-31) })).toBeNull();
  });

  it('is the 30-minute reminder from its moment, the 15-minute one from its own', () => {
    expect(dueReminder({ startsAt, window, invitedAt: invitedLongAgo, now: at(-30) })).toBe('reminder-30');
    expect(dueReminder({ startsAt, window, invitedAt: invitedLongAgo, now: at(-16) })).toBe('reminder-30');
    expect(dueReminder({ startsAt, window, invitedAt: invitedLongAgo, now: at(-15) })).toBe('reminder-15');
  });

  it('catches up after an outage, late rather than never, while the window is open', () => {
    expect(dueReminder({ startsAt, window, invitedAt: invitedLongAgo, now: at(-20) })).toBe('reminder-30');
    expect(dueReminder({ startsAt, window, invitedAt: invitedLongAgo, now: at(10) })).toBe('reminder-15');
    expect(dueReminder({ startsAt, window, invitedAt: invitedLongAgo, now: at(59) })).toBe('reminder-15');
  });

  it('is never anything once the window has closed', () => {
    expect(dueReminder({ startsAt, window, invitedAt: invitedLongAgo, now: at(60) })).toBeNull();
    expect(dueReminder({ startsAt, window, invitedAt: invitedLongAgo, now: at(24 * 60) })).toBeNull();
  });

  it('sends no reminder whose moment came before the invitation', () => {
    expect(dueReminder({ startsAt, window, invitedAt: at(-20), now: at(-19) })).toBeNull();
    expect(dueReminder({ startsAt, window, invitedAt: at(-20), now: at(-15) })).toBe('reminder-15');
    expect(dueReminder({ startsAt, window, invitedAt: at(-10), now: at(-5) })).toBeNull();
  });
});

describe('retry back-off (E-6)', () => {
  it('doubles from 30 s and stops growing at an hour', () => {
    expect(retryDelayMs(1)).toBe(30_000);
    expect(retryDelayMs(2)).toBe(60_000);
    expect(retryDelayMs(3)).toBe(120_000);
    expect(retryDelayMs(20)).toBe(3_600_000);
  });

  it('retries only what may succeed later, a bounded number of times', () => {
    expect(shouldRetry(1, true)).toBe(true);
    expect(shouldRetry(1, false)).toBe(false);
    expect(shouldRetry(MAX_ATTEMPTS, true)).toBe(false);
  });
});
