import { openApiDocument } from '@/server/api/openapi';

/** Public, like any API reference: it describes shapes, never tenant data. */
export const GET = () => Response.json(openApiDocument());
