import type { SentenceLanguage } from './sentences';

/**
 * Numbers spoken in the count prompt ("there are N participants", C-5 `*1`), in each tenant
 * language. Any count up to 999 is said from at most two recorded words: the hundreds, then 1 to
 * 99 as one word, the way each language says it before a noun (Spanish "veintiún participantes",
 * German "einundzwanzig Teilnehmer"). The same ids in every language; the words differ.
 */
export const MAX_SPOKEN_NUMBER = 999;

/** 1..99 as one recording each: `number-21`. */
export type UnitsId = `number-${number}`;
/** 100, 200 … 900 said alone (`number-200`) or before what follows (`number-200-prefix`: "two hundred and"). */
export type HundredsId = `number-${number}00` | `number-${number}00-prefix`;
export type NumberId = UnitsId | HundredsId;

/** The recordings that say `n` (1..999), in order. */
export function numberPromptIds(n: number): NumberId[] {
  if (!Number.isInteger(n) || n < 1 || n > MAX_SPOKEN_NUMBER) throw new RangeError(`no spoken form for ${n}`);
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return [`number-${rest}`];
  if (rest === 0) return [`number-${hundreds}00`];
  return [`number-${hundreds}00-prefix`, `number-${rest}`];
}

/** Every number recording, for the generator and the completeness test. */
export function allNumberIds(): NumberId[] {
  const ids: NumberId[] = [];
  for (let n = 1; n <= 99; n++) ids.push(`number-${n}`);
  for (let h = 1; h <= 9; h++) ids.push(`number-${h}00`, `number-${h}00-prefix`);
  return ids;
}

interface NumberWords {
  /** 1..99 before a plural noun. */
  upTo99(n: number): string;
  hundreds(h: number, followed: boolean): string;
}

const EN_ONES = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

const FR_ONES = ['', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize', 'dix-sept', 'dix-huit', 'dix-neuf'];
const FR_TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

const DE_ONES = ['', 'ein', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf', 'dreizehn', 'vierzehn', 'fünfzehn', 'sechzehn', 'siebzehn', 'achtzehn', 'neunzehn'];
const DE_TENS = ['', '', 'zwanzig', 'dreißig', 'vierzig', 'fünfzig', 'sechzig', 'siebzig', 'achtzig', 'neunzig'];

// Before a masculine noun: "un", "veintiún", "treinta y un" (apocope).
const ES_UP_TO_29 = [
  '', 'un', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce', 'trece', 'catorce', 'quince',
  'dieciséis', 'diecisiete', 'dieciocho', 'diecinueve', 'veinte', 'veintiún', 'veintidós', 'veintitrés', 'veinticuatro', 'veinticinco',
  'veintiséis', 'veintisiete', 'veintiocho', 'veintinueve',
];
const ES_TENS = ['', '', '', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
const ES_HUNDREDS = ['', 'ciento', 'doscientos', 'trescientos', 'cuatrocientos', 'quinientos', 'seiscientos', 'setecientos', 'ochocientos', 'novecientos'];

const IT_ONES = ['', 'uno', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove', 'dieci', 'undici', 'dodici', 'tredici', 'quattordici', 'quindici', 'sedici', 'diciassette', 'diciotto', 'diciannove'];
const IT_TENS = ['', '', 'venti', 'trenta', 'quaranta', 'cinquanta', 'sessanta', 'settanta', 'ottanta', 'novanta'];

const WORDS: Record<SentenceLanguage, NumberWords> = {
  en: {
    upTo99: (n) => (n < 20 ? EN_ONES[n] : EN_TENS[Math.floor(n / 10)] + (n % 10 ? `-${EN_ONES[n % 10]}` : '')),
    hundreds: (h, followed) => `${EN_ONES[h]} hundred${followed ? ' and' : ''}`,
  },
  fr: {
    upTo99(n) {
      if (n < 20) return FR_ONES[n];
      const tens = Math.floor(n / 10);
      const unit = n % 10;
      // 70-79 and 90-99 count on from 60 and 80: soixante-douze, quatre-vingt-dix-sept.
      if (tens === 7) return n === 71 ? 'soixante et onze' : `soixante-${FR_ONES[10 + unit]}`;
      if (tens === 8) return unit === 0 ? 'quatre-vingts' : `quatre-vingt-${FR_ONES[unit]}`;
      if (tens === 9) return `quatre-vingt-${FR_ONES[10 + unit]}`;
      if (unit === 0) return FR_TENS[tens];
      return unit === 1 ? `${FR_TENS[tens]} et un` : `${FR_TENS[tens]}-${FR_ONES[unit]}`;
    },
    // "deux cents" alone, "deux cent trois" before more: both sound the same before a consonant.
    hundreds: (h, followed) => (h === 1 ? 'cent' : `${FR_ONES[h]} ${followed ? 'cent' : 'cents'}`),
  },
  de: {
    upTo99(n) {
      if (n < 20) return DE_ONES[n];
      const unit = n % 10;
      return unit === 0 ? DE_TENS[n / 10] : `${DE_ONES[unit]}und${DE_TENS[Math.floor(n / 10)]}`;
    },
    hundreds: (h) => (h === 1 ? 'hundert' : `${DE_ONES[h]}hundert`),
  },
  es: {
    upTo99(n) {
      if (n < 30) return ES_UP_TO_29[n];
      const unit = n % 10;
      return unit === 0 ? ES_TENS[n / 10] : `${ES_TENS[Math.floor(n / 10)]} y ${ES_UP_TO_29[unit]}`;
    },
    hundreds: (h, followed) => (h === 1 && !followed ? 'cien' : ES_HUNDREDS[h]),
  },
  it: {
    upTo99(n) {
      if (n < 20) return IT_ONES[n];
      const tens = IT_TENS[Math.floor(n / 10)];
      const unit = n % 10;
      if (unit === 0) return tens;
      // The tens lose their last vowel before uno and otto (ventuno, trentotto); tre takes an accent.
      const stem = unit === 1 || unit === 8 ? tens.slice(0, -1) : tens;
      return stem + (unit === 3 ? 'tré' : IT_ONES[unit]);
    },
    hundreds: (h) => (h === 1 ? 'cento' : `${IT_ONES[h]}cento`),
  },
};

/** What a number recording says in a language (the generator speaks it). */
export function numberText(id: NumberId, language: SentenceLanguage): string {
  const match = /^number-(\d+)(-prefix)?$/.exec(id);
  if (!match) throw new Error(`not a number prompt: ${id}`);
  const n = Number(match[1]);
  const words = WORDS[language];
  return n < 100 ? words.upTo99(n) : words.hundreds(n / 100, Boolean(match[2]));
}
