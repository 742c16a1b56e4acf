import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { promptCatalogue, PROMPTS_SOURCE_DIR } from './catalogue';
import { SENTENCE_LANGUAGES, SENTENCES, type SentenceId } from './sentences';

const catalogue = promptCatalogue('/usr/local/share/conference-bridge/prompts');

describe('prompt catalogue (fr, en)', () => {
  it('has a committed recording of every sentence in every language', () => {
    for (const language of SENTENCE_LANGUAGES)
      for (const id of Object.keys(SENTENCES)) expect(existsSync(path.join(PROMPTS_SOURCE_DIR, language, `${id}.wav`)), `${language}/${id}`).toBe(true);
  });

  it('plays French sentences from the generated files, where FreeSWITCH finds them', () => {
    expect(catalogue.prompt('enter-pin', 'fr')).toEqual({ id: 'enter-pin', uri: '/usr/local/share/conference-bridge/prompts/fr/enter-pin.wav' });
  });

  it("uses FreeSWITCH's standard English sounds where one fits, generated files elsewhere", () => {
    expect(catalogue.prompt('enter-pin', 'en').uri).toBe('conference/conf-pin.wav');
    expect(catalogue.prompt('goodbye', 'en').uri).toBe('voicemail/vm-goodbye.wav');
    expect(catalogue.prompt('room-not-open', 'en').uri).toBe('/usr/local/share/conference-bridge/prompts/en/room-not-open.wav');
  });

  it('synthesises tones and music in FreeSWITCH, whatever the language', () => {
    for (const id of ['join-tone', 'leave-tone', 'busy-tone'] as const) expect(catalogue.prompt(id, 'fr').uri).toMatch(/^tone_stream:\/\//);
    expect(catalogue.prompt('music', 'de').uri).toBe('local_stream://moh');
  });

  it('speaks English to tenants of a language without recordings yet', () => {
    const ids = Object.keys(SENTENCES) as SentenceId[];
    for (const id of ids) expect(catalogue.prompt(id, 'it')).toEqual(catalogue.prompt(id, 'en'));
  });
});
