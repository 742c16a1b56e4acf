import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../telephony/sim/clock';
import { COMMAND_WINDOW_MS, KeypadReader, PIN_DIGIT_GAP_MS, PIN_FIRST_DIGIT_MS, type KeypadInput } from './keypad';

const start = new Date('2026-03-02T09:00:00Z');

/** A reader on a virtual clock; `type` presses keys at the given offsets (ms from start). */
function reader(onCommand?: (input: KeypadInput, reader: KeypadReader) => void) {
  const clock = new VirtualClock(start);
  const inputs: KeypadInput[] = [];
  const keypad: KeypadReader = new KeypadReader(clock, (input) => {
    inputs.push(input);
    onCommand?.(input, keypad);
  });
  const type = async (...keys: [number, string][]) => {
    for (const [atMs, key] of keys) void clock.sleep(atMs).then(() => keypad.press(key));
    await clock.settled();
  };
  return { inputs, type, keypad };
}

describe('keypad reader (C-4, C-5)', () => {
  it('reads * then a key as one command, for every key of the menu', async () => {
    const { inputs, type } = reader();
    const keys = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '*', '#'];
    await type(...keys.flatMap((key, i): [number, string][] => [[i * 10_000, '*'], [i * 10_000 + 500, key]]));
    expect(inputs).toEqual(keys.map((key) => ({ kind: 'command', key })));
  });

  it('forgets a * when the second key comes too late, and ignores keys without a * before them', async () => {
    const { inputs, type } = reader();
    await type([0, '2'], [1000, '5'], [2000, '*'], [2000 + COMMAND_WINDOW_MS + 1, '2'], [20_000, '*'], [20_000 + COMMAND_WINDOW_MS - 1, '3']);
    expect(inputs).toEqual([{ kind: 'command', key: '3' }]);
  });

  it('reads the digits after *9 as a PIN up to #, once the menu asks for one', async () => {
    const { inputs, type } = reader((input, keypad) => input.kind === 'command' && input.key === '9' && keypad.expectPin());
    await type([0, '*'], [300, '9'], [4000, '1'], [4300, '2'], [4600, '3'], [4900, '4'], [5200, '#'], [6000, '*'], [6300, '2']);
    expect(inputs).toEqual([
      { kind: 'command', key: '9' },
      { kind: 'pin', pin: '1234' },
      { kind: 'command', key: '2' },
    ]);
  });

  it('ends a PIN entry after a pause, and an untouched one after the first-digit wait, as an empty PIN', async () => {
    const typed = reader((input, keypad) => input.kind === 'command' && keypad.expectPin());
    await typed.type([0, '*'], [300, '9'], [1000, '5'], [1300, '6'], [1300 + PIN_DIGIT_GAP_MS + 1, '7']);
    expect(typed.inputs).toEqual([
      { kind: 'command', key: '9' },
      { kind: 'pin', pin: '56' },
    ]);
    const silent = reader((input, keypad) => input.kind === 'command' && keypad.expectPin());
    await silent.type([0, '*'], [300, '9'], [300 + PIN_FIRST_DIGIT_MS + 1, '1']);
    expect(silent.inputs).toEqual([
      { kind: 'command', key: '9' },
      { kind: 'pin', pin: '' },
    ]);
  });

  it('lets * abandon a PIN entry for a new command', async () => {
    const { inputs, type } = reader((input, keypad) => input.kind === 'command' && input.key === '9' && keypad.expectPin());
    await type([0, '*'], [300, '9'], [1000, '1'], [1300, '*'], [1600, '2']);
    expect(inputs).toEqual([
      { kind: 'command', key: '9' },
      { kind: 'command', key: '2' },
    ]);
  });

  it('ends an endless PIN entry at 13 digits so that it is checked and refused', async () => {
    const { inputs, type } = reader((input, keypad) => input.kind === 'command' && keypad.expectPin());
    await type([0, '*'], [100, '9'], ...Array.from({ length: 15 }, (_, i): [number, string] => [200 + i * 100, '1']));
    expect(inputs).toEqual([
      { kind: 'command', key: '9' },
      { kind: 'pin', pin: '1'.repeat(13) },
    ]);
  });

  it('does nothing once stopped (the caller left), and refuses keys that are not keypad keys', async () => {
    const { inputs, type, keypad } = reader();
    await type([0, '*'], [100, 'A'], [200, '12'], [300, ' ']);
    keypad.stop();
    await type([1000, '*'], [1100, '2']);
    expect(inputs).toEqual([]);
  });
});
