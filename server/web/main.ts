import { createServer } from 'node:http';
import next from 'next';
import { env } from '@/server/lib/env';
import { logger } from '@/server/lib/logger';
import { exitOnBadSecrets } from '@/server/lib/secrets';
import { prepare } from './edge';

/**
 * The web process: Next behind a thin Node server, so that the client address, the security
 * headers and undecodable paths are handled before any route runs (`npm run web`).
 */
async function main(): Promise<void> {
  exitOnBadSecrets(['AUTH_SECRET']);
  const settings = env();
  const dev = process.argv.includes('--dev');
  const app = next({ dev, hostname: 'localhost', port: settings.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const options = { trustProxy: settings.TRUST_PROXY, dev };
  const server = createServer((request, response) => {
    if (prepare(request, response, options)) void handle(request, response);
  });
  // Every interface, IPv4 and IPv6, as `next start` does.
  server.listen(settings.PORT, () => logger.info({ port: settings.PORT, dev }, 'web listening'));
  // Live pages hold server-sent event streams open: they get a few seconds, not forever.
  const stop = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  logger.error({ err: error }, 'web failed to start');
  process.exit(1);
});
