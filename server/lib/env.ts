import os from 'node:os';
import { z } from 'zod';

// An empty value (`RESEND_API_KEY=` copied from .env.example) means unset.
const optionalText = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().optional());

/** Every runtime setting (API-4); the README table mirrors this schema. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: optionalText,
  DATA_DIR: z.string().default('./.data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.url().default('http://localhost:3000'),
  AUTH_SECRET: optionalText,
  // 1: the web process sits behind a reverse proxy, and the last X-Forwarded-For address is the client's.
  TRUST_PROXY: z.enum(['0', '1']).default('0').transform((v) => v === '1'),
  // Spam guards (issue 13): members a room may have, and invitation emails one user may cause per hour.
  ROOM_MEMBERS_MAX: z.coerce.number().int().min(1).max(100_000).default(100),
  INVITATION_EMAILS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(200),
  // Names this worker on its claims; unique per worker process and stable across its restarts.
  WORKER_ID: z.string().trim().min(1).max(200).default(`${os.hostname()}-worker`),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAIL_FROM: z.string().default('Conference <conference@localhost>'),
  RESEND_API_KEY: optionalText,
  RESEND_BASE_URL: z.url().default('https://api.resend.com'),
  DRACHTIO_HOST: optionalText,
  DRACHTIO_PORT: z.coerce.number().int().min(1).max(65535).default(9022),
  // No default: the vendors' defaults (cymru, ClueCon) are public; the sip process refuses them.
  DRACHTIO_SECRET: optionalText,
  FREESWITCH_HOST: optionalText,
  FREESWITCH_PORT: z.coerce.number().int().min(1).max(65535).default(8021),
  FREESWITCH_SECRET: optionalText,
  MRF_LISTEN_ADDRESS: z.string().default('0.0.0.0'),
  MRF_LISTEN_PORT: z.coerce.number().int().min(0).max(65535).default(8085),
  MRF_ADVERTISED_ADDRESS: optionalText,
  SIP_MEDIA_SERVER_NAME: z.string().default('freeswitch'),
  PROMPTS_DIR: optionalText,
  // Tenants' files (welcome announcements): one folder per tenant, names the product generates.
  STORAGE_DIR: z.string().trim().min(1).default('./.data/storage'),
  // Set: tenants' files go to this S3 bucket instead (`<tenant id>/<key>`); the endpoint for MinIO and the like (path-style).
  STORAGE_S3_BUCKET: optionalText,
  STORAGE_S3_REGION: z.string().trim().min(1).default('us-east-1'),
  STORAGE_S3_ENDPOINT: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.url().optional()),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Parsed once per process; a bad value stops the process with the variable's name. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests and the launcher change process.env after start; they call this to re-read it. */
export function resetEnvCache(): void {
  cached = undefined;
}
