import { problem } from '@/server/api/problem';

/** API-1: a path the API does not have answers problem+json like every other error, not the portal's HTML page. */
const notFound = () => problem(404, 'No such resource in this API; see /api/v1/openapi.json');

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
