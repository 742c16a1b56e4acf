import { describe, expect, it } from 'vitest';
import { safeCallbackPath, signInPath } from './callback-url';

describe('the page a sign-in returns to (issue 12.7)', () => {
  it('accepts a path of this site, with its query', () => {
    expect(safeCallbackPath('/rooms/6f1c?saved=created')).toBe('/rooms/6f1c?saved=created');
    expect(safeCallbackPath('/admin/settings')).toBe('/admin/settings');
  });

  it.each([
    ['another site', 'https://evil.example/rooms'],
    ['a protocol-relative address', '//evil.example/rooms'],
    ['a backslash browsers read as a slash', '/\\evil.example'],
    ['a backslash further on', '/rooms\\..\\x'],
    ['a javascript: address', 'javascript:alert(1)'],
    ['a control character', '/rooms\n/x'],
    ['a tab hiding a second slash', '/\t/evil.example'],
    ['the sign-in page itself', '/sign-in?callbackUrl=/rooms'],
    ['the API', '/api/v1/rooms'],
    ['a relative path', 'rooms'],
    ['nothing', undefined],
    ['not text', ['/rooms']],
  ])('refuses %s', (_what, value) => {
    expect(safeCallbackPath(value)).toBeNull();
  });

  it('sends to the sign-in page with the path to return to, or without one', () => {
    expect(signInPath('/rooms/abc?filter=all')).toBe('/sign-in?callbackUrl=%2Frooms%2Fabc%3Ffilter%3Dall');
    expect(signInPath('/rooms')).toBe('/sign-in');
    expect(signInPath('//evil.example')).toBe('/sign-in');
    expect(signInPath(null)).toBe('/sign-in');
  });
});
