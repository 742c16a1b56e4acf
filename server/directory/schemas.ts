import { z } from 'zod';
import { nameSchema } from '@/server/lib/validation';
import { emailSchema } from '@/server/tenants/schemas';
import { extensionNumberSchema } from '@/server/users/schemas';

const optionalEmail = z.preprocess((v) => (v === '' ? null : v), emailSchema.nullish());

export const extensionCreateSchema = z.object({ number: extensionNumberSchema, name: nameSchema, email: optionalEmail });
export const directoryEntryCreateSchema = z.object({
  name: nameSchema,
  number: z.preprocess((v) => (v === '' ? null : v), z.string().trim().regex(/^\+?\d{2,20}$/, 'number.format').nullish()),
  email: optionalEmail,
});
export type ExtensionCreateInput = z.input<typeof extensionCreateSchema>;
export type DirectoryEntryCreateInput = z.input<typeof directoryEntryCreateSchema>;

/**
 * Issue 12: an extension a user holds is never deleted silently; the admin says what becomes of
 * the user: left without an extension, or moved to another one (made when missing).
 */
export const extensionDeleteSchema = z.object({
  onHeld: z.enum(['detach', 'reassign'], 'extension.onHeld').optional(),
  reassignTo: z.preprocess((v) => (v === '' ? undefined : v), extensionNumberSchema.optional()),
});
export type ExtensionDeleteInput = z.input<typeof extensionDeleteSchema>;
