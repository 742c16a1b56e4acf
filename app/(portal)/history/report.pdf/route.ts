import { getLocale } from 'next-intl/server';
import { monthReportPdf } from '@/server/history/pdf';
import { download } from '../download';

export async function GET(request: Request): Promise<Response> {
  const month = new URL(request.url).searchParams.get('month') ?? '';
  const language = await getLocale();
  return download((actor, now) => monthReportPdf(actor, { month }, now, language));
}
