import { describe, expect, it } from 'vitest';
import { normalizeOutboundRoute } from './outbound-route';

describe('outbound route (A-5, issue 13 #6)', () => {
  it.each([
    ['sbc.example.net', 'sbc.example.net'],
    ['SBC.Example.net:5060', 'sbc.example.net:5060'],
    ['sbc.example.net:5061;transport=TLS', 'sbc.example.net:5061;transport=tls'],
    ['sbc;transport=tcp', 'sbc;transport=tcp'],
    ['192.0.2.10:5080', '192.0.2.10:5080'],
    ['[2001:db8::1]:5060;transport=udp', '[2001:db8::1]:5060;transport=udp'],
  ])('accepts %j as %j', (route, stored) => {
    expect(normalizeOutboundRoute(route)).toBe(stored);
  });

  it.each([
    'sbc.example.net\r\nX-Evil: 1',
    'sbc.example.net\n',
    'sbc.example.net?Route=<sip:evil>',
    'sbc.example.net>',
    'evil@sbc.example.net',
    'sip:sbc.example.net',
    'sbc.example.net:0',
    'sbc.example.net:70000',
    'sbc.example.net;transport=sctp',
    'sbc.example.net;lr',
    '999.0.0.1',
    '[not:an:ip]',
    '-sbc.example.net',
    'sbc..example.net',
    'sbc example.net',
    '',
  ])('refuses %j', (route) => {
    expect(normalizeOutboundRoute(route)).toBeNull();
  });
});
