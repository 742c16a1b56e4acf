import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { answers, jsonBody } from '@/server/api/openapi-parts';
import { tenantSchema, tenantUpdateSchema } from './schemas';

/** T-2: the token user's tenant; everyone reads, admins change. */
export const tenantPaths: ZodOpenApiPathsObject = {
  '/api/v1/tenant': {
    get: {
      operationId: 'getTenant',
      summary: "The settings of the token user's tenant",
      responses: answers({ status: 200, description: 'The tenant', schema: tenantSchema }, 401),
    },
    patch: {
      operationId: 'updateTenant',
      summary: 'Change any of the settings (tenant admins only)',
      requestBody: jsonBody(tenantUpdateSchema),
      responses: answers({ status: 200, description: 'The changed tenant', schema: tenantSchema }, 400, 401, 403),
    },
  },
};
