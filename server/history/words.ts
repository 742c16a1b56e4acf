import { createTranslator } from 'next-intl';
import en from '@/messages/en/history.json';
import fr from '@/messages/fr/history.json';

/** exports and reports speak the portal's two languages; another tenant language reads English. */
export type HistoryLanguage = 'fr' | 'en';

export const historyLanguage = (language: string | null | undefined): HistoryLanguage => (language === 'fr' ? 'fr' : 'en');

/** The `history` catalogue of messages/, for what is rendered outside a page (PDF). */
export function historyWords(language: HistoryLanguage) {
  return createTranslator({ locale: language, messages: { history: language === 'fr' ? fr : en }, namespace: 'history' });
}

/** Durations as `h:mm:ss`, the same in every language and sortable by eye. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
