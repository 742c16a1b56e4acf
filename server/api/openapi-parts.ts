import type { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import { problemSchema } from './problem';

/** Building blocks for each area's path items, so every operation documents its errors the same way (API-1). */

const PROBLEM_DESCRIPTIONS = {
  400: 'Invalid input; `errors` names each field',
  401: 'No bearer token, or an unknown one',
  403: 'Only the organizer or a tenant admin may do this',
  404: "Missing, or another tenant's",
  409: 'Conflict, e.g. the room number is taken',
  503: 'The database does not answer',
} as const;

type ProblemStatus = keyof typeof PROBLEM_DESCRIPTIONS;

export function jsonBody(schema: z.ZodType): ZodOpenApiOperationObject['requestBody'] {
  return { required: true, content: { 'application/json': { schema } } };
}

export function answers(
  success: { status: 200 | 201 | 202; description: string; schema: z.ZodType } | { status: 204; description: string },
  ...problems: ProblemStatus[]
): ZodOpenApiResponsesObject {
  const responses: ZodOpenApiResponsesObject = {
    [success.status]:
      'schema' in success
        ? { description: success.description, content: { 'application/json': { schema: success.schema } } }
        : { description: success.description },
  };
  for (const status of problems)
    responses[String(status) as `${ProblemStatus}`] = { description: PROBLEM_DESCRIPTIONS[status], content: { 'application/problem+json': { schema: problemSchema } } };
  return responses;
}
