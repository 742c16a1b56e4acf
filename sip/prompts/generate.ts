/**
 * Regenerates the prompt files from sentences.ts: `npx tsx sip/prompts/generate.ts`.
 * Needs espeak-ng and sox (Debian packages of the same names). Output: 8 kHz mono 16-bit WAV,
 * what FreeSWITCH plays on narrow-band calls without resampling.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PROMPTS_SOURCE_DIR } from './catalogue';
import { SENTENCES, SENTENCE_LANGUAGES, type SentenceId } from './sentences';

const VOICES = { fr: 'fr-fr', en: 'en-gb' } as const;

for (const language of SENTENCE_LANGUAGES) {
  const dir = path.join(PROMPTS_SOURCE_DIR, language);
  mkdirSync(dir, { recursive: true });
  for (const [id, text] of Object.entries(SENTENCES) as [SentenceId, Record<string, string>][]) {
    const raw = path.join(dir, `${id}.raw.wav`);
    const out = path.join(dir, `${id}.wav`);
    execFileSync('espeak-ng', ['-v', VOICES[language], '-s', '150', '-w', raw, text[language]]);
    execFileSync('sox', [raw, '-r', '8000', '-c', '1', '-b', '16', out]);
    rmSync(raw);
    process.stdout.write(`${out}\n`);
  }
}
