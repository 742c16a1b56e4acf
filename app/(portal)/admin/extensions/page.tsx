import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AdminTable } from '@/app/_ui/admin-table';
import { ConfirmAction } from '@/app/_ui/confirm-action';
import { SimpleForm } from '@/app/_ui/simple-form';
import { cardClass } from '@/app/_ui/styles';
import { requireAdmin } from '@/app/lib/session';
import { listExtensionsWithHolders } from '@/server/directory/service';
import { HeldExtensionChoice } from './held-extension-choice';
import { createExtension, deleteExtension } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.extensions'))('title') };
}

export default async function ExtensionsPage() {
  const actor = await requireAdmin();
  const [t, tu, rows] = await Promise.all([getTranslations('admin'), getTranslations('users'), listExtensionsWithHolders(actor)]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t('extensions.title')}</h1>
        <p className="text-sm text-slate-600">{t('extensions.intro')}</p>
      </div>
      <AdminTable
        caption={t('extensions.title')}
        columns={[t('fields.extension'), t('fields.name'), t('fields.email'), tu('holder')]}
        actionsLabel={t('actions')}
        empty={t('extensions.empty')}
        rows={rows.map((e) => ({
          key: e.id,
          cells: [
            <span key="n" className="font-mono">
              {e.number}
            </span>,
            e.name,
            e.email ?? '—',
            e.holder ? e.holder.name : <span className="text-slate-600">{tu('free')}</span>,
            <ConfirmAction
              key="d"
              compact
              action={deleteExtension}
              fields={{ id: e.id }}
              label={t('delete', { name: `${e.number} ${e.name}` })}
              title={t('extensions.deleteTitle')}
              body={
                e.holder ? (
                  <HeldExtensionChoice idPrefix={`ext-${e.id}-`} number={e.number} holder={e.holder.name} />
                ) : (
                  t('extensions.deleteBody', { number: e.number, name: e.name })
                )
              }
              confirmLabel={t('deleteConfirm')}
            />,
          ],
        }))}
      />
      <section aria-labelledby="add-extension" className={`${cardClass} p-6`}>
        <h2 id="add-extension" className="mb-4 text-base font-semibold">
          {t('extensions.add')}
        </h2>
        <SimpleForm
          action={createExtension}
          idPrefix="extension-"
          submitLabel={t('extensions.add')}
          fields={[
            { name: 'number', label: t('fields.extension'), hint: t('hints.extension'), inputMode: 'numeric', required: true },
            { name: 'name', label: t('fields.name'), required: true },
            { name: 'email', label: t('fields.email'), type: 'email' },
          ]}
        />
      </section>
    </div>
  );
}
