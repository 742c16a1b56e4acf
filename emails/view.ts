import { formatLocalDateTime, formatLocalTime } from '@/server/rooms/rules/localtime';
import { oneTapDialUri } from './dial';
import type { EmailFacts } from './facts';
import { emailLanguage, wordsFor, type Words } from './i18n';

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
  oneTapUri: string | null;
  tenantName: string;
}

export function emailView(facts: EmailFacts): EmailView {
  const lang = emailLanguage(facts.language);
  const words = wordsFor(facts.language);
  const zone = facts.timezone;
  const at = (iso: string) => formatLocalTime(new Date(iso), zone, lang);
  const [firstNumber] = facts.portalNumbers;
  return {
    words,
    lang,
    when: `${formatLocalDateTime(new Date(facts.room.startsAt), zone, lang)} (${zone})`,
    windowRange: words.label.windowRange(at(facts.window.opensAt), at(facts.window.closesAt)),
    roomName: facts.room.name,
    organizer: facts.organizer.name,
    portalNumbers: facts.portalNumbers,
    roomNumber: facts.room.roomNumber,
    pin: facts.room.pin,
    description: facts.room.description,
    oneTapUri: firstNumber ? oneTapDialUri(firstNumber, facts.room.roomNumber, facts.room.pin) : null,
    tenantName: facts.tenantName,
  };
}
