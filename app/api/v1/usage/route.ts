import { apiRoute } from '@/server/api/route';
import { usage } from '@/server/history/usage';

export const GET = apiRoute(({ actor, query, now }) => usage(actor, { month: query.month }, now));
