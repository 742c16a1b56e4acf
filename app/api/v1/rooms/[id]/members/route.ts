import { apiRoute } from '@/server/api/route';
import type { MemberCreateInput } from '@/server/members/schemas';
import { addMember, listMembers } from '@/server/members/service';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => ({ items: await listMembers(actor, params.id) }));

export const POST = apiRoute<Params>(async ({ actor, params, body }) => addMember(actor, params.id, (await body()) as MemberCreateInput), { status: 201 });
