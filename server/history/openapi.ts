import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { answers } from '@/server/api/openapi-parts';
import { monthQuerySchema, usageSchema } from './schemas';

const conferenceIdParams = z.object({ id: z.string().meta({ description: 'Conference id (uuid)' }) });

/** A download answered with its own media type; errors stay problem+json (API-1). */
function download(mediaType: string, description: string, ...problems: (400 | 401 | 404)[]) {
  const file = z.string().meta({ format: 'binary' });
  return { ...answers({ status: 200, description, schema: file }, ...problems), 200: { description, content: { [mediaType]: { schema: file } } } };
}

/** H-3, H-4: exports, reports and the tenant's usage. */
export const historyPaths: ZodOpenApiPathsObject = {
  '/api/v1/conferences/export.csv': {
    get: {
      operationId: 'exportConferencesCsv',
      summary: 'The month as CSV (UTF-8 with BOM): a header row, then one row per participant leg with its conference columns',
      requestParams: { query: monthQuerySchema },
      responses: download('text/csv', 'The CSV file, streamed', 400, 401),
    },
  },
  '/api/v1/conferences/report.pdf': {
    get: {
      operationId: 'monthReportPdf',
      summary: 'PDF report of the month: tenant, period, totals, every conference and its legs, page numbers',
      requestParams: { query: monthQuerySchema },
      responses: download('application/pdf', 'The PDF report', 400, 401),
    },
  },
  '/api/v1/conferences/{id}/report.pdf': {
    get: {
      operationId: 'conferenceReportPdf',
      summary: 'PDF report of one conference: tenant, start, totals, table of legs, page numbers',
      requestParams: { path: conferenceIdParams },
      responses: download('application/pdf', 'The PDF report', 401, 404),
    },
  },
  '/api/v1/usage': {
    get: {
      operationId: 'usage',
      summary: "Tenant admins: the month's conferences and participant-minutes per room (ad-hoc calls per organizer extension, roomId null), per day, and in total",
      requestParams: { query: monthQuerySchema },
      responses: answers({ status: 200, description: 'Usage of the month', schema: usageSchema }, 400, 401, 403),
    },
  },
};
