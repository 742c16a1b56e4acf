'use client';

import { useTranslations } from 'next-intl';

/** Issue 13: the tenant may require a PIN on every room, from the portal and the API alike. */
export function RequirePinField({ defaultChecked }: { defaultChecked: boolean }) {
  const t = useTranslations('security.requirePin');
  return (
    <div>
      <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
        <input type="checkbox" name="requirePin" defaultChecked={defaultChecked} aria-describedby="requirePin-hint" className="h-4 w-4 rounded text-indigo-700" />
        {t('label')}
      </label>
      <p id="requirePin-hint" className="mt-1 text-xs text-slate-600">
        {t('hint')}
      </p>
    </div>
  );
}
