import { getLocale } from 'next-intl/server';
import { conferenceReportPdf } from '@/server/history/pdf';
import { download } from '../../../download';

export async function GET(_request: Request, { params }: { params: Promise<{ conferenceId: string }> }): Promise<Response> {
  const [{ conferenceId }, language] = await Promise.all([params, getLocale()]);
  return download((actor, now) => conferenceReportPdf(actor, conferenceId, now, language));
}
