import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AdminTable } from '@/app/_ui/admin-table';
import { ConfirmAction } from '@/app/_ui/confirm-action';
import { SimpleForm } from '@/app/_ui/simple-form';
import { cardClass, linkClass } from '@/app/_ui/styles';
import { requireAdmin } from '@/app/lib/session';
import { listUsers } from '@/server/users/service';
import { createUser, deleteUser } from '../actions';
import { UserActions } from './user-actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.users'))('title') };
}

export default async function UsersPage() {
  const actor = await requireAdmin();
  const [t, ti, rows] = await Promise.all([getTranslations('admin'), getTranslations('imports'), listUsers(actor)]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t('users.title')}</h1>
        <p className="text-sm text-slate-600">{t('users.intro')}</p>
        <p className="mt-2 text-sm">
          <Link href="/admin/import?kind=users" className={linkClass}>
            {ti('link')}
          </Link>
        </p>
      </div>
      <AdminTable
        caption={t('users.title')}
        columns={[t('fields.name'), t('fields.email'), t('fields.role'), t('fields.extension')]}
        actionsLabel={t('actions')}
        empty={t('users.empty')}
        rows={rows.map((u) => ({
          key: u.id,
          cells: [
            u.name,
            u.email,
            t(`roles.${u.role}`),
            u.extension ?? '—',
            <div key="d" className="flex flex-wrap items-center justify-end gap-1">
              <UserActions user={u} isSelf={u.id === actor.userId} />
              {u.id === actor.userId ? (
                <span className="px-2 text-sm text-slate-600">{t('users.you')}</span>
              ) : (
                <ConfirmAction
                  compact
                  action={deleteUser}
                  fields={{ id: u.id }}
                  label={t('delete', { name: u.name })}
                  title={t('users.deleteTitle')}
                  body={t('users.deleteBody', { name: u.name })}
                  confirmLabel={t('deleteConfirm')}
                />
              )}
            </div>,
          ],
        }))}
      />
      <section aria-labelledby="add-user" className={`${cardClass} p-6`}>
        <h2 id="add-user" className="mb-4 text-base font-semibold">
          {t('users.add')}
        </h2>
        <SimpleForm
          action={createUser}
          idPrefix="user-"
          submitLabel={t('users.add')}
          fields={[
            { name: 'name', label: t('fields.name') },
            { name: 'email', label: t('fields.email'), type: 'email', required: true },
            { name: 'password', label: t('fields.password'), type: 'password', hint: t('hints.password'), required: true },
            {
              name: 'role',
              label: t('fields.role'),
              options: [
                { value: 'subscriber', label: t('roles.subscriber') },
                { value: 'admin', label: t('roles.admin') },
              ],
            },
            { name: 'extension', label: t('fields.extension'), hint: t('hints.userExtension'), inputMode: 'numeric' },
          ]}
        />
      </section>
    </div>
  );
}
