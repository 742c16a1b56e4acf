import { apiRoute } from '@/server/api/route';
import { deleteWebhook } from '@/server/webhooks/endpoints';

type Params = { id: string };

export const DELETE = apiRoute<Params>(({ actor, params }) => deleteWebhook(actor, params.id));
