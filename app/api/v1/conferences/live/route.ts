import { apiRoute } from '@/server/api/route';
import { listLiveConferences } from '@/server/live/view';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(({ actor }) => listLiveConferences(actor));
