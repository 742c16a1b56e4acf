import { z } from 'zod';
import { ROLES } from '@/server/db/schema';
import { nameSchema } from '@/server/lib/validation';
import { emailSchema, passwordSchema } from '@/server/tenants/schemas';

export const extensionNumberSchema = z.string().trim().regex(/^\d{2,10}$/, 'extension.format');

export const userCreateSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  role: z.enum(ROLES, 'role.choice'),
  name: nameSchema.optional(),
  extension: extensionNumberSchema.optional(),
});
export type UserCreateInput = z.input<typeof userCreateSchema>;

/** PATCH semantics: only the fields given change; `extension: null` (or '') takes the user's extension away. */
export const userUpdateSchema = z
  .object({
    name: nameSchema.optional(),
    email: emailSchema.optional(),
    role: z.enum(ROLES, 'role.choice').optional(),
    extension: z.preprocess((v) => (v === '' ? null : v), extensionNumberSchema.nullable().optional()),
  })
  .strict();
export type UserUpdateInput = z.input<typeof userUpdateSchema>;
