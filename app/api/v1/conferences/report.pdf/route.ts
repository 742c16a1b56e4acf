import { apiRoute } from '@/server/api/route';
import { monthReportPdf } from '@/server/history/pdf';

export const GET = apiRoute(({ actor, query, now }) => monthReportPdf(actor, { month: query.month }, now));
