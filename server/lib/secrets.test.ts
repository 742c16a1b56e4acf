import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretProblem } from './secrets';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `NAME=value` lines of an env file. */
function envFile(file: string): Record<string, string> {
  const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  return Object.fromEntries(lines.filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).replace(/\s+#.*$/, '')]));
}

describe('secrets a process refuses to start with (issue 13)', () => {
  it('refuses the placeholder once shipped in docker/.env.example, vendor defaults and short values', () => {
    expect(secretProblem('AUTH_SECRET', 'change-me-to-32-random-bytes')).toMatch(/AUTH_SECRET is a known placeholder/);
    expect(secretProblem('AUTH_SECRET', 'CHANGEME-please-this-is-long-enough-now')).toMatch(/placeholder/);
    expect(secretProblem('FREESWITCH_SECRET', 'ClueCon')).toMatch(/FREESWITCH_SECRET/);
    expect(secretProblem('DRACHTIO_SECRET', 'cymru')).toMatch(/DRACHTIO_SECRET/);
    expect(secretProblem('AUTH_SECRET', 'aB3$kL9!mN2@pQ5')).toMatch(/shorter than 32 bytes/);
    expect(secretProblem('AUTH_SECRET', 'a'.repeat(64))).toMatch(/too uniform/);
    expect(secretProblem('AUTH_SECRET', undefined)).toMatch(/AUTH_SECRET is not set/);
  });

  it('accepts a random secret of 32 bytes or more', () => {
    expect(secretProblem('AUTH_SECRET', 'q8Zx3Vb0nM1kT7sR4yW2pL6dF9gH5jC0aE3uI8oK1tY=')).toBeNull();
  });

  it('the example files carry no usable secret', () => {
    for (const file of ['docker/.env.example', '.env.example']) {
      const values = envFile(file);
      for (const name of ['AUTH_SECRET', 'DRACHTIO_SECRET', 'FREESWITCH_SECRET'])
        if (name in values) expect(secretProblem(name, values[name]), `${file} ${name}`).not.toBeNull();
    }
    for (const file of ['docker/drachtio/drachtio.conf.xml', 'docker/freeswitch/autoload_configs/event_socket.conf.xml']) {
      const secret = /(?:secret|name="password" value)="([^"]*)"/.exec(readFileSync(path.join(ROOT, file), 'utf8'))?.[1];
      expect(secretProblem('secret', secret), file).not.toBeNull();
    }
  });
});
