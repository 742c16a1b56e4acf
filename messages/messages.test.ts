import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** every sentence of the portal exists in French and in English. */
const dir = import.meta.dirname;
const keys = (node: unknown, prefix = ''): string[] =>
  node && typeof node === 'object'
    ? Object.entries(node).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];
const namespaces = (locale: string) => readdirSync(path.join(dir, locale)).filter((f) => f.endsWith('.json')).sort();
const load = (locale: string, file: string) => JSON.parse(readFileSync(path.join(dir, locale, file), 'utf8'));

describe('message catalogues', () => {
  it('have the same namespace files in fr and en', () => {
    expect(namespaces('fr')).toEqual(namespaces('en'));
  });

  it.each(namespaces('en'))('%s has the same keys in fr and en', (file) => {
    expect(keys(load('fr', file)).sort()).toEqual(keys(load('en', file)).sort());
  });
});
