import { getTranslations } from 'next-intl/server';

/** Issue 13: a room without PIN is allowed but open to anyone who knows its number: say so. */
export async function NoPinWarning() {
  const t = await getTranslations('security.noPin');
  return (
    <p role="note" className="rounded border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      {t('warning')}
    </p>
  );
}
