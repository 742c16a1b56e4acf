/**
 * Regenerates the prompt files from sentences.ts and numbers.ts: `npx tsx sip/prompts/generate.ts`.
 * Needs espeak-ng and sox (Debian packages of the same names). Output: 8 kHz mono 16-bit WAV,
 * what FreeSWITCH plays on narrow-band calls without resampling, with the silence espeak-ng puts
 * around each utterance trimmed (the count prompt is three files played back to back).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PROMPTS_SOURCE_DIR, promptFile } from './catalogue';
import { allNumberIds, numberText, type NumberId } from './numbers';
import { SENTENCES, SENTENCE_LANGUAGES, type SentenceId, type SentenceLanguage } from './sentences';

const VOICES: Record<SentenceLanguage, string> = { fr: 'fr-fr', en: 'en-gb', de: 'de', es: 'es', it: 'it' };
const WORDS_PER_MINUTE = '150';
// Leading and trailing stretches quieter than 0.5 % for 20 ms are cut.
const TRIM = ['silence', '1', '0.02', '0.5%', 'reverse', 'silence', '1', '0.02', '0.5%', 'reverse'];

function speak(language: SentenceLanguage, id: SentenceId | NumberId, text: string): void {
  const out = path.join(PROMPTS_SOURCE_DIR, promptFile(id, language));
  mkdirSync(path.dirname(out), { recursive: true });
  const raw = `${out}.raw.wav`;
  execFileSync('espeak-ng', ['-v', VOICES[language], '-s', WORDS_PER_MINUTE, '-w', raw, text]);
  execFileSync('sox', ['-G', raw, '-r', '8000', '-c', '1', '-b', '16', out, ...TRIM]);
  rmSync(raw);
  process.stdout.write(`${out}\n`);
}

// Ids on the command line regenerate only those (`npx tsx sip/prompts/generate.ts announcement-saved`),
// leaving the other files as they are: another espeak-ng version would change every one of them.
const only = new Set(process.argv.slice(2));
const wanted = (id: string) => only.size === 0 || only.has(id);

for (const language of SENTENCE_LANGUAGES) {
  for (const [id, text] of Object.entries(SENTENCES) as [SentenceId, Record<SentenceLanguage, string>][]) if (wanted(id)) speak(language, id, text[language]);
  for (const id of allNumberIds()) if (wanted(id)) speak(language, id, numberText(id, language));
}
