import os from 'node:os';
import { z } from 'zod';
import { envSchema } from '@/server/lib/env';
import { secretProblems } from '@/server/lib/secrets';

/** The sip process's settings (API-4): the shared ones plus its own, all validated at start. */
const sipEnvSchema = envSchema.extend({
  /** Names this process on its conference rows, so a restart closes what it left open. */
  SIP_INSTANCE_ID: z.string().trim().min(1).default(os.hostname()),
  /** On SIGTERM, conferences in progress get this long to end by themselves. */
  SIP_DRAIN_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /**
   * `simulated`: the same process on the simulated telephony engine, in real time, its callers
   * driven by `call place` (issue 10): the portal and the live page without FreeSWITCH.
   */
  SIP_ENGINE: z.enum(['drachtio', 'simulated']).default('drachtio'),
  /** On the simulated engine, how dialled numbers answer: `0611111111=busy,0622222222=no-answer`; others answer. */
  SIM_DIAL_ANSWERS: z
    .string()
    .regex(/^(\+?\d{1,20}=(answered|busy|no-answer))(,\+?\d{1,20}=(answered|busy|no-answer))*$/)
    .optional(),
  /** T-2: the folder this process shares with FreeSWITCH (announcements it plays, recordings it makes). */
  MEDIA_SHARED_DIR: z.string().trim().min(1).default('./.data/media'),
  /** The same folder as FreeSWITCH sees it, when mounted elsewhere there; unset: the same absolute path. */
  MEDIA_SHARED_DIR_ON_MEDIA_SERVER: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().startsWith('/').optional()),
});

export type SipEnv = z.infer<typeof sipEnvSchema>;

/** SIM_DIAL_ANSWERS as the simulated engine takes it. */
export function simulatedAnswers(settings: SipEnv): Map<string, 'answered' | 'busy' | 'no-answer'> {
  const pairs = (settings.SIM_DIAL_ANSWERS ?? '').split(',').filter(Boolean);
  return new Map(pairs.map((pair) => pair.split('=') as [string, 'answered' | 'busy' | 'no-answer']));
}

export function sipEnv(source: Record<string, string | undefined> = process.env): SipEnv {
  const parsed = sipEnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment for the sip process:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Production needs FreeSWITCH as well as drachtio: one without the other cannot take a call. */
export function telephonyTargets(settings: SipEnv): { drachtio: { host: string; port: number; secret: string }; freeswitch: { address: string; port: number; secret: string } } | null {
  if (!settings.DRACHTIO_HOST) return null;
  if (!settings.FREESWITCH_HOST) throw new Error('DRACHTIO_HOST is set but FREESWITCH_HOST is not: the bridge needs both');
  // Whoever reaches these sockets controls calls and media: never a default or a placeholder.
  const problems = secretProblems(['DRACHTIO_SECRET', 'FREESWITCH_SECRET'], { DRACHTIO_SECRET: settings.DRACHTIO_SECRET, FREESWITCH_SECRET: settings.FREESWITCH_SECRET });
  if (problems.length > 0) throw new Error(`Refusing to start telephony:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return {
    drachtio: { host: settings.DRACHTIO_HOST, port: settings.DRACHTIO_PORT, secret: settings.DRACHTIO_SECRET! },
    freeswitch: { address: settings.FREESWITCH_HOST, port: settings.FREESWITCH_PORT, secret: settings.FREESWITCH_SECRET! },
  };
}
