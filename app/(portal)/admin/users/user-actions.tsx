'use client';

import { useTranslations } from 'next-intl';
import { DialogForm } from '@/app/_ui/dialog-form';
import { Field, errorKeyFor } from '@/app/_ui/field';
import { inputClass } from '@/app/_ui/styles';
import type { UserView } from '@/server/users/service';
import { sendPasswordLink, updateUser } from '../actions';

/** A user row's actions (issue 12): edit the user, email them a link to choose a new password. */
export function UserActions({ user, isSelf }: { user: UserView; isSelf: boolean }) {
  const t = useTranslations('users');
  const admin = useTranslations('admin');
  const prefix = `user-${user.id}-`;
  // Short on screen, whole for screen readers ("Edit Jane Doe"): the row already shows the name.
  const trigger = (key: 'editTrigger' | 'passwordLinkTrigger') => (
    <>
      {t(`${key}.visible`)}
      <span className="sr-only"> {t(`${key}.hidden`, { name: user.name })}</span>
    </>
  );
  return (
    <div className="flex flex-wrap justify-end gap-1">
      <DialogForm action={updateUser} hidden={{ id: user.id }} triggerLabel={trigger('editTrigger')} title={t('editTitle')} submitLabel={t('save')}>
        {(state) => {
          const errors = state && !state.ok ? state.fieldErrors : undefined;
          const typed = (name: keyof UserView) => (state && !state.ok ? state.values?.[name] : undefined) ?? String(user[name] ?? '');
          return (
            <div className="space-y-4">
              <Field name="name" label={admin('fields.name')} prefix={prefix} defaultValue={typed('name')} error={errorKeyFor(errors, 'name')} required />
              <Field
                name="email"
                label={admin('fields.email')}
                prefix={prefix}
                type="email"
                defaultValue={typed('email')}
                error={errorKeyFor(errors, 'email')}
                required
              />
              <Field name="role" label={admin('fields.role')} prefix={prefix} error={errorKeyFor(errors, 'role')} hint={isSelf ? t('roleSelfHint') : undefined}>
                <select id={`${prefix}role`} name="role" defaultValue={typed('role')} className={inputClass} aria-invalid={errors?.role ? true : undefined}>
                  <option value="subscriber">{admin('roles.subscriber')}</option>
                  <option value="admin">{admin('roles.admin')}</option>
                </select>
              </Field>
              <Field
                name="extension"
                label={admin('fields.extension')}
                prefix={prefix}
                inputMode="numeric"
                hint={t('extensionHint')}
                defaultValue={typed('extension')}
                error={errorKeyFor(errors, 'extension')}
              />
            </div>
          );
        }}
      </DialogForm>
      <DialogForm
        action={sendPasswordLink}
        hidden={{ id: user.id }}
        triggerLabel={trigger('passwordLinkTrigger')}
        title={t('passwordLinkTitle')}
        submitLabel={t('passwordLinkSend')}
        done={{ message: (data) => ((data as { sent?: boolean })?.sent ? t('passwordLinkSent') : t('passwordLinkNotSent')), close: t('close') }}
      >
        {() => <p className="text-sm text-slate-700">{t('passwordLinkBody', { name: user.name, email: user.email })}</p>}
      </DialogForm>
    </div>
  );
}
