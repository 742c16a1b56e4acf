import { monthCsv } from '@/server/history/csv';
import { download } from '../download';

export function GET(request: Request): Promise<Response> {
  const month = new URL(request.url).searchParams.get('month') ?? '';
  return download((actor, now) => monthCsv(actor, { month }, now));
}
