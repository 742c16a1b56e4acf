import { apiRoute } from '@/server/api/route';
import { monthCsv } from '@/server/history/csv';

export const GET = apiRoute(({ actor, query, now }) => monthCsv(actor, { month: query.month }, now));
