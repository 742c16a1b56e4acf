import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from '@/server/db/schema/tenants';
import type { Prompt } from '../telephony/port';
import type { SentenceId, SentenceLanguage } from './sentences';

/** Tones and music need no recording: FreeSWITCH synthesises them. */
const TONES = {
  // FreeSWITCH's own conference enter/exit sounds (conference.conf.xml defaults).
  'join-tone': 'tone_stream://%(200,0,500,600,700)',
  'leave-tone': 'tone_stream://%(500,0,300,200,100,50,25)',
  // French busy tone: 440 Hz, 500 ms on / 500 ms off, for the 10 s before the last caller is dropped (C-3).
  'busy-tone': 'tone_stream://%(500,500,440);loops=10',
  music: 'local_stream://moh',
} as const;

/** English sentences FreeSWITCH ships in its standard sounds (en/us/callie), played by relative path. */
const FREESWITCH_EN: Partial<Record<SentenceId, string>> = {
  'enter-pin': 'conference/conf-pin.wav',
  'invalid-pin': 'conference/conf-bad-pin.wav',
  'room-locked': 'conference/conf-locked.wav',
  goodbye: 'voicemail/vm-goodbye.wav',
};

export type PromptId = SentenceId | keyof typeof TONES;

/** The committed files, as this process sees them (the generator writes here). */
export const PROMPTS_SOURCE_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface Catalogue {
  prompt(id: PromptId, language: Language): Prompt;
}

/**
 * Maps prompt ids to what FreeSWITCH plays, per language. `promptsDir` is where FreeSWITCH finds
 * our generated files (mounted into its container); languages without recordings fall back to English.
 */
export function promptCatalogue(promptsDir: string): Catalogue {
  return {
    prompt(id, language) {
      if (id in TONES) return { id, uri: TONES[id as keyof typeof TONES] };
      const sentence = id as SentenceId;
      const spoken: SentenceLanguage = language === 'fr' ? 'fr' : 'en';
      const standard = spoken === 'en' ? FREESWITCH_EN[sentence] : undefined;
      return { id, uri: standard ?? path.posix.join(promptsDir, spoken, `${sentence}.wav`) };
    },
  };
}
