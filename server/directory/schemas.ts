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
