import { apiRoute } from '@/server/api/route';
import { listConferences } from '@/server/conferences/queries';

export const GET = apiRoute(({ actor, query, now }) => listConferences(actor, { month: query.month }, now));
