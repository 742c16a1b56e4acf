import { z } from 'zod';
import { ROLES } from '@/server/db/schema';
import { sendPasswordLink as sendLink } from '@/server/users/password-links';
import * as users from '@/server/users/service';
import { defineAction } from './define';
import { formText, id, optionalText } from './form';

export const createUser = defineAction({
  schema: z.object({ email: formText, password: formText, role: z.enum(ROLES, 'role.choice'), name: optionalText, extension: optionalText }),
  run: async (actor, { email, password, role, name, extension }) => {
    await users.createUserAsAdmin(actor, {
      email: email ?? '',
      password: password ?? '',
      role,
      name: name ?? undefined,
      extension: extension ?? undefined,
    });
  },
});

/** Issue 12: the edit dialog sends every field; an empty extension takes the user's away. */
export const updateUser = defineAction({
  schema: z.object({ id, name: formText, email: formText, role: z.enum(ROLES, 'role.choice'), extension: optionalText }),
  run: async (actor, { id: userId, name, email, role, extension }) => {
    await users.updateUser(actor, userId, { name: name ?? '', email: email ?? '', role, extension: extension ?? null });
  },
});

/** Issue 12: the user gets an email with a link to choose a new password (24 h, once). */
export const sendPasswordLink = defineAction({
  schema: z.object({ id }),
  run: (actor, input, now) => sendLink(actor, input.id, now),
});

export const deleteUser = defineAction({
  schema: z.object({ id }),
  run: (actor, input) => users.deleteUser(actor, input.id),
});

/** the language switcher remembers the choice on the user's profile. */
export const setLocale = defineAction({
  schema: z.object({ locale: z.enum(['fr', 'en'], 'field.invalid') }),
  run: (actor, { locale }) => users.setUserLocale(actor, locale),
});
