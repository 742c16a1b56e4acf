import { z } from 'zod';
import { MEMBER_SOURCES } from '@/server/db/schema';
import { nameSchema } from '@/server/lib/validation';
import { emailSchema } from '@/server/tenants/schemas';
import { extensionNumberSchema } from '@/server/users/schemas';

const optionalEmail = z.preprocess((v) => (v === '' ? null : v), emailSchema.nullish());
const sendEmail = z.boolean().default(false);

/** M-1: a member comes from an extension, the directory, or a free name. */
export const memberCreateSchema = z
  .discriminatedUnion(
    'source',
    [
      z.object({ source: z.literal('extension'), extension: extensionNumberSchema, name: nameSchema.optional(), email: optionalEmail, sendEmail }),
      z.object({ source: z.literal('directory'), directoryEntryId: z.uuid('directoryEntry.unknown'), name: nameSchema.optional(), email: optionalEmail, sendEmail }),
      z.object({ source: z.literal('name'), name: nameSchema, email: optionalEmail, sendEmail }),
    ],
    { error: 'source.choice' },
  )
  .meta({ id: 'MemberCreate' });

export type MemberCreateInput = z.input<typeof memberCreateSchema>;

/** API-2: a member as every answer shows it; the OpenAPI document and the API tests read this schema. */
export const memberSchema = z
  .object({
    id: z.uuid(),
    source: z.enum(MEMBER_SOURCES),
    extension: z.string().optional(),
    name: z.string(),
    email: z.string().optional(),
    sendEmail: z.boolean(),
  })
  .strict()
  .meta({ id: 'Member' });

export const memberListSchema = z.object({ items: z.array(memberSchema) }).meta({ id: 'MemberList' });
