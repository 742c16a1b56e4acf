import { apiRoute } from '@/server/api/route';
import { removeMember } from '@/server/members/service';

type Params = { id: string; memberId: string };

export const DELETE = apiRoute<Params>(({ actor, params }) => removeMember(actor, params.id, params.memberId));
