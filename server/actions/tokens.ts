import { z } from 'zod';
import { createOwnToken, revokeToken } from '@/server/users/tokens';
import { defineAction } from './define';
import { id, optionalText } from './form';

/** Issue 13: the portal's API tokens page; the token is in the answer once and never again. */
export const createApiToken = defineAction({
  schema: z.object({ name: optionalText, expiresInDays: optionalText }),
  run: (actor, { name, expiresInDays }, now) => createOwnToken(actor, { name: name ?? undefined, expiresInDays: expiresInDays ?? undefined }, now),
});

/** One's own token, or any of the tenant's for an admin (checked by revokeToken, T-1). */
export const revokeApiToken = defineAction({
  schema: z.object({ id }),
  run: (actor, input) => revokeToken(actor, input.id),
});
