import type { CallClock } from '../telephony/port';

/** After `*`, the second key must come within this time, or the `*` is forgotten. */
export const COMMAND_WINDOW_MS = 3_000;
/** `*9`: the first PIN digit may take this long (the caller hears the prompt first)… */
export const PIN_FIRST_DIGIT_MS = 10_000;
/** …and each next digit this long, as at the portal; a pause ends the entry like `#`. */
export const PIN_DIGIT_GAP_MS = 5_000;
/** One more than the longest PIN (12), so that an endless entry ends and is checked (and refused). */
export const MAX_PIN_DIGITS = 13;

/** `*` + key: `0`..`9`, or `*` / `#` (`**`, `*#`: the help). A PIN entry ends with its digits ('' when nothing was typed). */
export type KeypadInput = { kind: 'command'; key: string } | { kind: 'pin'; pin: string };

type State = { mode: 'idle' } | { mode: 'armed' } | { mode: 'pin'; digits: string };

/**
 * Reads one caller's keypad inside a conference (C-4, C-5), one key at a time as the media
 * server reports them (RFC 2833 `dtmf` events on FreeSWITCH, scripted keys in the simulator).
 * Keys without a `*` before them are ignored: a caller typing digits by mistake (or a fax) does
 * nothing. Timing is the caller's clock, so the simulator's virtual time drives it in tests.
 */
export class KeypadReader {
  private state: State = { mode: 'idle' };
  // Each key (or stop) starts a new generation; a timer of an older one does nothing when it fires.
  private generation = 0;
  private stopped = false;

  constructor(
    private readonly clock: CallClock,
    private readonly onInput: (input: KeypadInput) => void,
  ) {}

  press(key: string): void {
    if (this.stopped || !/^[0-9*#]$/.test(key)) return;
    const state = this.state;
    if (state.mode === 'pin') return this.pinKey(state.digits, key);
    if (key === '*' && state.mode === 'idle') return this.enter({ mode: 'armed' }, COMMAND_WINDOW_MS);
    if (state.mode === 'armed') {
      this.enter({ mode: 'idle' });
      this.onInput({ kind: 'command', key });
    }
  }

  /** The menu asks for a PIN after `*9`: the next digits up to `#` are the PIN, not commands. */
  expectPin(): void {
    if (!this.stopped) this.enter({ mode: 'pin', digits: '' }, PIN_FIRST_DIGIT_MS);
  }

  /** The caller left: pending timers do nothing any more. */
  stop(): void {
    this.stopped = true;
    this.generation++;
  }

  private pinKey(digits: string, key: string): void {
    // `*` gives up the PIN and starts a new command, as a caller who changed their mind would.
    if (key === '*') return this.enter({ mode: 'armed' }, COMMAND_WINDOW_MS);
    if (key === '#') return this.endPin(digits);
    const more = digits + key;
    if (more.length >= MAX_PIN_DIGITS) return this.endPin(more);
    this.enter({ mode: 'pin', digits: more }, PIN_DIGIT_GAP_MS);
  }

  private endPin(pin: string): void {
    this.enter({ mode: 'idle' });
    this.onInput({ kind: 'pin', pin });
  }

  private enter(state: State, expiresInMs?: number): void {
    this.state = state;
    const generation = ++this.generation;
    if (expiresInMs === undefined) return;
    void this.clock.sleep(expiresInMs).then(() => {
      if (generation !== this.generation) return;
      if (this.state.mode === 'pin') this.endPin(this.state.digits);
      else this.enter({ mode: 'idle' });
    });
  }
}
