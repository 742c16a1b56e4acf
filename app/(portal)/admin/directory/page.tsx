import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AdminTable } from '@/app/_ui/admin-table';
import { ConfirmAction } from '@/app/_ui/confirm-action';
import { SimpleForm } from '@/app/_ui/simple-form';
import { cardClass, linkClass } from '@/app/_ui/styles';
import { requireAdmin } from '@/app/lib/session';
import { listDirectory } from '@/server/directory/service';
import { createDirectoryEntry, deleteDirectoryEntry } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.directory'))('title') };
}

export default async function DirectoryPage() {
  const actor = await requireAdmin();
  const [t, ti, rows] = await Promise.all([getTranslations('admin'), getTranslations('imports'), listDirectory(actor)]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t('directory.title')}</h1>
        <p className="text-sm text-slate-600">{t('directory.intro')}</p>
        <p className="mt-2 text-sm">
          <Link href="/admin/import?kind=directory" className={linkClass}>
            {ti('link')}
          </Link>
        </p>
      </div>
      <AdminTable
        caption={t('directory.title')}
        columns={[t('fields.name'), t('fields.number'), t('fields.email')]}
        actionsLabel={t('actions')}
        empty={t('directory.empty')}
        rows={rows.map((d) => ({
          key: d.id,
          cells: [
            d.name,
            d.number ?? '—',
            d.email ?? '—',
            <ConfirmAction
              key="d"
              compact
              action={deleteDirectoryEntry}
              fields={{ id: d.id }}
              label={t('delete', { name: d.name })}
              title={t('directory.deleteTitle')}
              body={t('directory.deleteBody', { name: d.name })}
              confirmLabel={t('deleteConfirm')}
            />,
          ],
        }))}
      />
      <section aria-labelledby="add-entry" className={`${cardClass} p-6`}>
        <h2 id="add-entry" className="mb-4 text-base font-semibold">
          {t('directory.add')}
        </h2>
        <SimpleForm
          action={createDirectoryEntry}
          idPrefix="entry-"
          submitLabel={t('directory.add')}
          fields={[
            { name: 'name', label: t('fields.name'), required: true },
            { name: 'number', label: t('fields.number'), hint: t('hints.number'), type: 'tel', inputMode: 'tel' },
            { name: 'email', label: t('fields.email'), type: 'email' },
          ]}
        />
      </section>
    </div>
  );
}
