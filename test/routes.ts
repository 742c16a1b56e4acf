import { readdirSync } from 'node:fs';
import path from 'node:path';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

export interface ApiRouteFile {
  /** A catch-all (`[...path]`) answers for paths the API does not have; it is no endpoint of its own. */
  catchAll: boolean;
  /** As the file tree spells it, e.g. `/api/v1/rooms/[id]`. */
  route: string;
  /** As OpenAPI spells it, e.g. `/api/v1/rooms/{id}`. */
  openApiPath: string;
  methods: HttpMethod[];
  // The module's exports, so a harness can call whichever handler it needs.
  module: Record<string, unknown>;
}

const ROOT = path.resolve(import.meta.dirname, '..');

/** Every `app/api/v1/**\/route.ts` and the HTTP methods it exports: what the OpenAPI and isolation tests must cover. */
export async function apiRouteFiles(): Promise<ApiRouteFile[]> {
  const base = path.join(ROOT, 'app/api/v1');
  const files = readdirSync(base, { recursive: true, encoding: 'utf8' })
    .filter((f) => path.basename(f) === 'route.ts')
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const dir = path.dirname(file).split(path.sep).join('/');
      const route = `/api/v1/${dir}`.replace(/\/\.$/, '');
      const module = (await import(path.join(base, file))) as Record<string, unknown>;
      return {
        catchAll: route.includes('[...'),
        route,
        openApiPath: route.replace(/\[([^\]]+)\]/g, '{$1}'),
        methods: HTTP_METHODS.filter((m) => typeof module[m] === 'function'),
        module,
      };
    }),
  );
}
