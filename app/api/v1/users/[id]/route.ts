import { apiRoute } from '@/server/api/route';
import type { UserUpdateInput } from '@/server/users/schemas';
import { getUser, updateUser } from '@/server/users/service';

export const GET = apiRoute<{ id: string }>(({ actor, params }) => getUser(actor, params.id));

export const PATCH = apiRoute<{ id: string }>(async ({ actor, params, body }) => updateUser(actor, params.id, (await body()) as UserUpdateInput));
