import { apiRoute } from '@/server/api/route';
import { conferenceReportPdf } from '@/server/history/pdf';

type Params = { id: string };

export const GET = apiRoute<Params>(({ actor, params, now }) => conferenceReportPdf(actor, params.id, now));
