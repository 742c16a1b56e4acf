import { apiRoute } from '@/server/api/route';
import { deleteRecording } from '@/server/recordings/access';

type Params = { id: string };

export const DELETE = apiRoute<Params>(({ actor, params, now }) => deleteRecording(actor, params.id, now).then(() => undefined));
