import { z } from 'zod';
import { ROLES } from '@/server/db/schema';
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

export const deleteUser = defineAction({
  schema: z.object({ id }),
  run: (actor, input) => users.deleteUser(actor, input.id),
});

/** the language switcher remembers the choice on the user's profile. */
export const setLocale = defineAction({
  schema: z.object({ locale: z.enum(['fr', 'en'], 'field.invalid') }),
  run: (actor, { locale }) => users.setUserLocale(actor, locale),
});
