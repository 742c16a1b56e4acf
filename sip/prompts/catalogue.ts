import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from '@/server/db/schema/tenants';
import type { Prompt } from '../telephony/port';
import type { NumberId } from './numbers';
import type { SentenceId } from './sentences';

/** Tones and music need no recording: FreeSWITCH synthesises them. */
const TONES = {
  // FreeSWITCH's own conference enter/exit sounds (conference.conf.xml defaults).
  'join-tone': 'tone_stream://%(200,0,500,600,700)',
  'leave-tone': 'tone_stream://%(500,0,300,200,100,50,25)',
  // French busy tone: 440 Hz, 500 ms on / 500 ms off, for the 10 s before the last caller is dropped (C-3).
  'busy-tone': 'tone_stream://%(500,500,440);loops=10',
  // Two short high beeps to the moderators: someone raised a hand (`*8`).
  'hand-tone': 'tone_stream://%(120,80,1400);loops=2',
  // T-2 `*73`: the beep after which the caller speaks their welcome message.
  'record-tone': 'tone_stream://%(500,0,1000)',
  music: 'local_stream://moh',
} as const;

export type ToneId = keyof typeof TONES;
export type PromptId = SentenceId | NumberId | ToneId;

/** The committed files, as this process sees them (the generator writes here). */
export const PROMPTS_SOURCE_DIR = path.dirname(fileURLToPath(import.meta.url));

/** Where a recording lives under a prompts folder: sentences at the top, numbers in their own folder. */
export function promptFile(id: SentenceId | NumberId, language: Language): string {
  return id.startsWith('number-') ? path.posix.join(language, 'numbers', `${id}.wav`) : path.posix.join(language, `${id}.wav`);
}

export interface Catalogue {
  prompt(id: PromptId, language: Language): Prompt;
}

/**
 * Maps prompt ids to what FreeSWITCH plays, in the tenant's language (T-2). Every spoken prompt
 * is a file the product ships (sip/prompts/<language>/): the media server needs no sound package.
 * `promptsDir` is where FreeSWITCH finds them (mounted into its container).
 */
export function promptCatalogue(promptsDir: string): Catalogue {
  return {
    prompt(id, language) {
      if (id in TONES) return { id, uri: TONES[id as ToneId] };
      return { id, uri: path.posix.join(promptsDir, promptFile(id as SentenceId | NumberId, language)) };
    },
  };
}
