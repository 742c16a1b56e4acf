import { describe, expect, it } from 'vitest';
import { roomCreateSchema } from '../schemas';
import { isPin, isRoomNumber, proposeRoomNumber, randomPin } from './numbers';

describe('R-2 room number and PIN are keypad digits', () => {
  it.each(['123', '4711', '1234567890'])('room number %s is accepted', (n) => expect(isRoomNumber(n)).toBe(true));
  it.each(['12', '12345678901', '12a4', ' 123', '12 34', '', '١٢٣', '+123', '12.3'])('room number %j is refused', (n) =>
    expect(isRoomNumber(n)).toBe(false),
  );
  it.each(['1234', '123456789012'])('PIN %s is accepted', (p) => expect(isPin(p)).toBe(true));
  it.each(['123', '1234567890123', '12#4', 'abcd', ''])('PIN %j is refused', (p) => expect(isPin(p)).toBe(false));

  it('the room schema names each bad field', () => {
    const result = roomCreateSchema.safeParse({
      roomNumber: '12a',
      name: '',
      startsAt: '2026-12-01 09:00',
      durationMinutes: 20,
      pin: '12',
      moderatorPin: 'x',
    });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byField).toEqual({
      roomNumber: 'roomNumber.format',
      name: 'name.required',
      startsAt: 'startsAt.format',
      durationMinutes: 'durationMinutes.choice',
      pin: 'pin.format',
      moderatorPin: 'moderatorPin.format',
    });
  });

  it('refuses a moderator PIN equal to the participant PIN', () => {
    const result = roomCreateSchema.safeParse({
      roomNumber: '4711',
      name: 'Weekly',
      startsAt: '2026-12-01T09:00:00+01:00',
      durationMinutes: 30,
      pin: '123456',
      moderatorPin: '123456',
    });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['moderatorPin', 'moderatorPin.sameAsPin']]);
  });
});

describe('R-6 proposals', () => {
  it('proposes a 6-digit PIN that passes the PIN rule', () => {
    for (let i = 0; i < 200; i++) {
      const pin = randomPin();
      expect(pin).toMatch(/^[1-9]\d{5}$/);
      expect(isPin(pin)).toBe(true);
    }
  });

  it('skips taken room numbers', async () => {
    const sequence = [111111, 222222, 333333];
    const random = () => sequence.shift()!;
    const taken = new Set(['111111', '222222']);
    expect(await proposeRoomNumber(async (n) => taken.has(n), random)).toBe('333333');
  });

  it('gives up with an error rather than loop forever when everything is taken', async () => {
    await expect(proposeRoomNumber(async () => true)).rejects.toThrow(/no free room number/);
  });
});
