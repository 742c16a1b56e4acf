import { dateLocale } from '@/server/lib/date-locale';
import { formatLocalDateTime, formatLocalTime } from '@/server/rooms/rules/localtime';
import { oneTapDialUri, readableDialSequence } from './dial';
import type { EmailFacts, FactChange } from './facts';
import { emailLanguage, wordsFor, type Words } from './i18n';

/** One changed fact as the reader sees it (E-3). */
export interface ChangeView {
  label: string;
  before: string;
  after: string;
}

/** The facts as the reader sees them: dates in the tenant's zone and language (E-1, R-3). */
export interface EmailView {
  words: Words;
  lang: string;
  when: string;
  windowRange: string;
  roomName: string;
  organizer: string;
  portalNumbers: string[];
  roomNumber: string;
  pin: string | null;
  description: string | null;
  oneTap: { uri: string; text: string } | null;
  tenantName: string;
  changes: ChangeView[];
}

export function emailView(facts: EmailFacts): EmailView {
  const lang = emailLanguage(facts.language);
  const words = wordsFor(facts.language);
  const zone = facts.timezone;
  const locale = dateLocale(lang, zone);
  const at = (iso: string) => formatLocalTime(new Date(iso), zone, locale);
  const when = (iso: string) => `${formatLocalDateTime(new Date(iso), zone, locale)} (${zone})`;
  const [firstNumber] = facts.portalNumbers;

  const changeOf = ({ fact, before, after }: FactChange): ChangeView => {
    const shown = (value: string | number | null) => {
      if (value === null || value === '') return words.changes.none;
      if (fact === 'startsAt') return when(String(value));
      if (fact === 'durationMinutes') return words.minutes(Number(value));
      return String(value);
    };
    const labels = { startsAt: words.label.when, durationMinutes: words.label.duration, roomNumber: words.label.roomNumber, pin: words.label.pin, name: words.label.name, description: words.label.description };
    return { label: labels[fact], before: shown(before), after: shown(after) };
  };

  return {
    words,
    lang,
    when: when(facts.room.startsAt),
    windowRange: words.label.windowRange(at(facts.window.opensAt), at(facts.window.closesAt)),
    roomName: facts.room.name,
    organizer: facts.organizer.name,
    portalNumbers: facts.portalNumbers,
    roomNumber: facts.room.roomNumber,
    pin: facts.room.pin,
    description: facts.room.description,
    oneTap: firstNumber
      ? { uri: oneTapDialUri(firstNumber, facts.room.roomNumber, facts.room.pin), text: readableDialSequence(firstNumber, facts.room.roomNumber, facts.room.pin) }
      : null,
    tenantName: facts.tenantName,
    changes: (facts.changes ?? []).map(changeOf),
  };
}
