/**
 * Runs once when a Next server starts. `npm run web` checks the secret before Next loads; this
 * covers `next start` run by hand, which must not serve sessions signed with a placeholder either.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { exitOnBadSecrets } = await import('@/server/lib/secrets');
  exitOnBadSecrets(['AUTH_SECRET']);
}
