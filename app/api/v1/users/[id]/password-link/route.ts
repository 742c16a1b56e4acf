import { apiRoute } from '@/server/api/route';
import { sendPasswordLink } from '@/server/users/password-links';

export const POST = apiRoute<{ id: string }>(({ actor, params, now }) => sendPasswordLink(actor, params.id, now), { status: 202 });
