import { randomInt } from 'node:crypto';

/** typed on a phone keypad, so digits only. */
export const ROOM_NUMBER_PATTERN = /^\d{3,10}$/;
export const PIN_PATTERN = /^\d{4,12}$/;
export const DURATION_CHOICES = [15, 30, 45, 60, 90, 120, 180, 240, 480] as const;

export const isRoomNumber = (value: string) => ROOM_NUMBER_PATTERN.test(value);
export const isPin = (value: string) => PIN_PATTERN.test(value);

/** six digits, never starting with 0 so nobody wonders whether the leading zero counts. */
export function randomPin(random: (min: number, max: number) => number = randomInt): string {
  return String(random(100_000, 1_000_000));
}

/** a random free room number; widens to 7 digits when the tenant has filled much of the 6-digit space. */
export async function proposeRoomNumber(
  isTaken: (candidate: string) => Promise<boolean>,
  random: (min: number, max: number) => number = randomInt,
): Promise<string> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const digits = attempt < 20 ? 6 : 7;
    const candidate = String(random(10 ** (digits - 1), 10 ** digits));
    if (!(await isTaken(candidate))) return candidate;
  }
  throw new Error('no free room number found after 40 attempts');
}
