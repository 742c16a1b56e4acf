import { describe, expect, it } from 'vitest';
import { numberPromptIds, numberText } from './numbers';
import type { SentenceLanguage } from './sentences';

/** What a count is heard as: the words of its recordings, in order. */
const spoken = (n: number, language: SentenceLanguage) => numberPromptIds(n).map((id) => numberText(id, language)).join(' ');

describe('numbers of the count prompt (C-5 *1), said as each language says them before a noun', () => {
  it.each([
    [2, 'two', 'deux', 'zwei', 'dos', 'due'],
    [17, 'seventeen', 'dix-sept', 'siebzehn', 'diecisiete', 'diciassette'],
    [21, 'twenty-one', 'vingt et un', 'einundzwanzig', 'veintiún', 'ventuno'],
    [23, 'twenty-three', 'vingt-trois', 'dreiundzwanzig', 'veintitrés', 'ventitré'],
    [38, 'thirty-eight', 'trente-huit', 'achtunddreißig', 'treinta y ocho', 'trentotto'],
    [71, 'seventy-one', 'soixante et onze', 'einundsiebzig', 'setenta y un', 'settantuno'],
    [77, 'seventy-seven', 'soixante-dix-sept', 'siebenundsiebzig', 'setenta y siete', 'settantasette'],
    [80, 'eighty', 'quatre-vingts', 'achtzig', 'ochenta', 'ottanta'],
    [81, 'eighty-one', 'quatre-vingt-un', 'einundachtzig', 'ochenta y un', 'ottantuno'],
    [99, 'ninety-nine', 'quatre-vingt-dix-neuf', 'neunundneunzig', 'noventa y nueve', 'novantanove'],
    [100, 'one hundred', 'cent', 'hundert', 'cien', 'cento'],
    [101, 'one hundred and one', 'cent un', 'hundert ein', 'ciento un', 'cento uno'],
    [200, 'two hundred', 'deux cents', 'zweihundert', 'doscientos', 'duecento'],
    [345, 'three hundred and forty-five', 'trois cent quarante-cinq', 'dreihundert fünfundvierzig', 'trescientos cuarenta y cinco', 'trecento quarantacinque'],
    [500, 'five hundred', 'cinq cents', 'fünfhundert', 'quinientos', 'cinquecento'],
  ])('%i', (n, en, fr, de, es, it) => {
    expect({ en: spoken(n, 'en'), fr: spoken(n, 'fr'), de: spoken(n, 'de'), es: spoken(n, 'es'), it: spoken(n, 'it') }).toEqual({ en, fr, de, es, it });
  });

  it('says 1 to 999 from at most two recordings, and nothing else', () => {
    for (let n = 1; n <= 999; n++) expect(numberPromptIds(n).length).toBeLessThanOrEqual(2);
    for (const bad of [0, -1, 1000, 2.5]) expect(() => numberPromptIds(bad)).toThrow(RangeError);
  });
});
