import { apiRoute } from '@/server/api/route';
import { listUsers } from '@/server/users/service';

export const GET = apiRoute(async ({ actor }) => ({ items: await listUsers(actor) }));
