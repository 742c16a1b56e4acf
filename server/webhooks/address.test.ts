import { describe, expect, it } from 'vitest';
import { isPublicAddress, refuseWebhookUrl } from './address';

describe('webhook address guard (server-side request forgery)', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fe80::1', 'fc00::1', '::ffff:127.0.0.1', '100.64.0.1', '224.0.0.1'])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('accepts the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('wants https, no credentials, and a public host', async () => {
    expect(await refuseWebhookUrl('http://93.184.216.34/hook', false)).toBe('webhook.url');
    expect(await refuseWebhookUrl('https://user:pw@93.184.216.34/hook', false)).toBe('webhook.url');
    expect(await refuseWebhookUrl('not a url', false)).toBe('webhook.url');
    expect(await refuseWebhookUrl('ftp://93.184.216.34/', false)).toBe('webhook.url');
    expect(await refuseWebhookUrl('https://127.0.0.1/hook', false)).toBe('webhook.private');
    expect(await refuseWebhookUrl('https://[::1]/hook', false)).toBe('webhook.private');
    expect(await refuseWebhookUrl('https://localhost/hook', false)).toBe('webhook.private');
    expect(await refuseWebhookUrl('https://93.184.216.34/hook', false)).toBeNull();
  });

  it('allows loopback and http with WEBHOOKS_ALLOW_PRIVATE=1', async () => {
    expect(await refuseWebhookUrl('http://127.0.0.1:4000/hook', true)).toBeNull();
    expect(await refuseWebhookUrl('ftp://127.0.0.1/', true)).toBe('webhook.url');
  });
});
