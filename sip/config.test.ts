import { describe, expect, it } from 'vitest';
import { sipEnv, telephonyTargets } from './config';

describe('sip process settings', () => {
  it('turns telephony off without DRACHTIO_HOST', () => {
    expect(telephonyTargets(sipEnv({}))).toBeNull();
  });

  it('needs FreeSWITCH as well as drachtio', () => {
    expect(() => telephonyTargets(sipEnv({ DRACHTIO_HOST: '10.0.0.2' }))).toThrow(/FREESWITCH_HOST/);
  });

  it('reads both servers with their defaults', () => {
    const settings = sipEnv({ DRACHTIO_HOST: '10.0.0.2', FREESWITCH_HOST: '10.0.0.3', SIP_INSTANCE_ID: 'sip-1' });
    expect(telephonyTargets(settings)).toEqual({
      drachtio: { host: '10.0.0.2', port: 9022, secret: 'cymru' },
      freeswitch: { address: '10.0.0.3', port: 8021, secret: 'ClueCon' },
    });
    expect(settings).toMatchObject({ SIP_INSTANCE_ID: 'sip-1', SIP_DRAIN_SECONDS: 300, MRF_LISTEN_PORT: 8085 });
  });

  it('stops with the name of a bad variable', () => {
    expect(() => sipEnv({ FREESWITCH_PORT: 'eighty' })).toThrow(/FREESWITCH_PORT/);
    expect(() => sipEnv({ SIP_DRAIN_SECONDS: '-1' })).toThrow(/SIP_DRAIN_SECONDS/);
  });
});
