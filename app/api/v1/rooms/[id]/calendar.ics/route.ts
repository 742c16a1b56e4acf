import { apiRoute } from '@/server/api/route';
import { calendarResponse, roomCalendar } from '@/server/notifications/calendar';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, params, now }) => calendarResponse(await roomCalendar(actor, params.id, now)));
