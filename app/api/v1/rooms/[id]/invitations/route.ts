import { apiRoute } from '@/server/api/route';
import { systemClock } from '@/server/lib/clock';
import { sendInvitations } from '@/server/notifications/invite';

type Params = { id: string };

/** API-2, M-3, M-5: `{ sent }`, the members newly invited. */
export const POST = apiRoute<Params>(({ actor, params }) => sendInvitations(actor, params.id, systemClock));
