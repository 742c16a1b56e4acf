/**
 * Secrets the processes refuse to start with: a value copied from an example file, a vendor
 * default, or one too short to resist guessing. A session forged with a placeholder AUTH_SECRET
 * opens the admin pages, so the rule is checked before anything listens.
 */
const MIN_BYTES = 32;

// Vendor defaults (drachtio, FreeSWITCH) and the words example files use for "fill me in".
const KNOWN_DEFAULTS = new Set(['cymru', 'cluecon', 'secret', 'password', 'changeme']);
const PLACEHOLDER_WORDS = /change[-_ ]?me|replace[-_ ]?me|placeholder|your[-_ ]?secret|example|generate|set[-_ ]?me|x{6,}/i;

/** Why `value` is not acceptable as the secret `name`, or null when it is. */
export function secretProblem(name: string, value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return `${name} is not set: generate one with \`openssl rand -base64 32\``;
  if (KNOWN_DEFAULTS.has(value.trim().toLowerCase()) || PLACEHOLDER_WORDS.test(value))
    return `${name} is a known placeholder or default value: generate one with \`openssl rand -base64 32\``;
  if (new Set(value).size < 8) return `${name} is too uniform to be secret: generate one with \`openssl rand -base64 32\``;
  if (Buffer.byteLength(value, 'utf8') < MIN_BYTES) return `${name} is shorter than ${MIN_BYTES} bytes: generate one with \`openssl rand -base64 32\``;
  return null;
}

/** The problems of every named secret in `source`, in order. */
export function secretProblems(names: string[], source: Record<string, string | undefined>): string[] {
  return names.map((name) => secretProblem(name, source[name])).filter((p): p is string => p !== null);
}

/** Stops the process with a message naming each bad secret (exit code 78: configuration error). */
export function exitOnBadSecrets(names: string[], source: Record<string, string | undefined> = process.env): void {
  const problems = secretProblems(names, source);
  if (problems.length === 0) return;
  process.stderr.write(`Refusing to start:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(78);
}
