import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './locales';

describe('negotiateLocale (Q-1)', () => {
  it('picks the first supported language by quality', () => {
    expect(negotiateLocale('de-DE,de;q=0.9,en-US;q=0.8,fr;q=0.7')).toBe('en');
    expect(negotiateLocale('en;q=0.5, fr-CH')).toBe('fr');
  });

  it('has no answer when the browser asks for none of ours', () => {
    expect(negotiateLocale('de, it;q=0.8')).toBeUndefined();
    expect(negotiateLocale('fr;q=0')).toBeUndefined();
    expect(negotiateLocale(null)).toBeUndefined();
  });
});
