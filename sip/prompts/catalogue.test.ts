import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@/server/db/schema/tenants';
import { promptCatalogue, promptFile, PROMPTS_SOURCE_DIR, type PromptId } from './catalogue';
import { allNumberIds, numberPromptIds } from './numbers';
import { SENTENCES, type SentenceId } from './sentences';

const catalogue = promptCatalogue('/usr/local/share/conference-bridge/prompts');
const sentenceIds = Object.keys(SENTENCES) as SentenceId[];
const recorded = [...sentenceIds, ...allNumberIds()];

/** Sample rate, channels and bits of a PCM WAV file, read from its header. */
function wavFormat(file: string) {
  const header = readFileSync(file).subarray(0, 44);
  return { riff: header.toString('ascii', 0, 4), format: header.readUInt16LE(20), channels: header.readUInt16LE(22), rate: header.readUInt32LE(24), bits: header.readUInt16LE(34) };
}

describe('prompt catalogue (T-2: fr, en, de, es, it)', () => {
  it('ships a recording of every prompt id the code can play, in every tenant language', () => {
    const missing = LANGUAGES.flatMap((language) => {
      const files = new Set(
        readdirSync(path.join(PROMPTS_SOURCE_DIR, language), { recursive: true, encoding: 'utf8' }).map((f) => `${language}/${f}`),
      );
      return recorded.map((id) => promptFile(id, language)).filter((file) => !files.has(file));
    });
    expect(missing).toEqual([]);
  });

  it('ships nothing that no prompt id names (a renamed sentence leaves no stale file behind)', () => {
    const expected = new Set(LANGUAGES.flatMap((language) => recorded.map((id) => promptFile(id, language))));
    const shipped = LANGUAGES.flatMap((language) =>
      readdirSync(path.join(PROMPTS_SOURCE_DIR, language), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.wav'))
        .map((f) => `${language}/${f}`),
    );
    expect(shipped.filter((file) => !expected.has(file))).toEqual([]);
  });

  it('records every file as 8 kHz mono 16-bit PCM, what FreeSWITCH plays on narrow-band calls', () => {
    for (const language of LANGUAGES)
      for (const id of recorded) {
        const format = wavFormat(path.join(PROMPTS_SOURCE_DIR, promptFile(id, language)));
        expect(format, `${language}/${id}`).toEqual({ riff: 'RIFF', format: 1, channels: 1, rate: 8000, bits: 16 });
      }
  });

  it("plays the tenant's language from the shipped files, never a sound package of the media server", () => {
    for (const language of LANGUAGES) {
      expect(catalogue.prompt('enter-pin', language)).toEqual({ id: 'enter-pin', uri: `/usr/local/share/conference-bridge/prompts/${language}/enter-pin.wav` });
      expect(catalogue.prompt('number-42', language).uri).toBe(`/usr/local/share/conference-bridge/prompts/${language}/numbers/number-42.wav`);
    }
    for (const id of sentenceIds) expect(catalogue.prompt(id, 'en').uri).toMatch(/^\/usr\/local\/share\/conference-bridge\/prompts\/en\//);
  });

  it('synthesises tones and music in FreeSWITCH, whatever the language', () => {
    for (const id of ['join-tone', 'leave-tone', 'busy-tone', 'hand-tone'] as const) expect(catalogue.prompt(id, 'fr').uri).toMatch(/^tone_stream:\/\//);
    expect(catalogue.prompt('music', 'de').uri).toBe('local_stream://moh');
  });

  it('has every count a conference can reach (up to 500 participants) said from shipped numbers', () => {
    const ids = new Set<PromptId>(allNumberIds());
    for (let n = 2; n <= 500; n++) for (const id of numberPromptIds(n)) expect(ids.has(id), `${n}: ${id}`).toBe(true);
  });
});
