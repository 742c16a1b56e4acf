import { describe, expect, it } from 'vitest';
import { simulatedAnswers, sipEnv, telephonyTargets } from './config';

describe('sip process settings', () => {
  it('turns telephony off without DRACHTIO_HOST', () => {
    expect(telephonyTargets(sipEnv({}))).toBeNull();
  });

  it('needs FreeSWITCH as well as drachtio', () => {
    expect(() => telephonyTargets(sipEnv({ DRACHTIO_HOST: '10.0.0.2' }))).toThrow(/FREESWITCH_HOST/);
  });

  const DRACHTIO_SECRET = 'Qm9vdHN0cmFwLWRyYWNodGlvLXNlY3JldC0xMjM0';
  const FREESWITCH_SECRET = 'RnJlZVNXSVRDSC1ldmVudC1zb2NrZXQtOTg3NjU0';

  it('reads both servers with their default ports', () => {
    const settings = sipEnv({ DRACHTIO_HOST: '10.0.0.2', FREESWITCH_HOST: '10.0.0.3', SIP_INSTANCE_ID: 'sip-1', DRACHTIO_SECRET, FREESWITCH_SECRET });
    expect(telephonyTargets(settings)).toEqual({
      drachtio: { host: '10.0.0.2', port: 9022, secret: DRACHTIO_SECRET },
      freeswitch: { address: '10.0.0.3', port: 8021, secret: FREESWITCH_SECRET },
    });
    expect(settings).toMatchObject({ SIP_INSTANCE_ID: 'sip-1', SIP_DRAIN_SECONDS: 300, MRF_LISTEN_PORT: 8085 });
  });

  it('refuses the vendor defaults, placeholders and short secrets of drachtio and FreeSWITCH (issue 13)', () => {
    const hosts = { DRACHTIO_HOST: '10.0.0.2', FREESWITCH_HOST: '10.0.0.3' };
    expect(() => telephonyTargets(sipEnv(hosts))).toThrow(/DRACHTIO_SECRET is not set[\s\S]*FREESWITCH_SECRET is not set/);
    expect(() => telephonyTargets(sipEnv({ ...hosts, DRACHTIO_SECRET: 'cymru', FREESWITCH_SECRET }))).toThrow(/DRACHTIO_SECRET is a known placeholder/);
    expect(() => telephonyTargets(sipEnv({ ...hosts, DRACHTIO_SECRET, FREESWITCH_SECRET: 'ClueCon' }))).toThrow(/FREESWITCH_SECRET is a known placeholder/);
    expect(() => telephonyTargets(sipEnv({ ...hosts, DRACHTIO_SECRET, FREESWITCH_SECRET: 'change-me' }))).toThrow(/FREESWITCH_SECRET/);
    expect(() => telephonyTargets(sipEnv({ ...hosts, DRACHTIO_SECRET: 'k3Y-short-9', FREESWITCH_SECRET }))).toThrow(/DRACHTIO_SECRET is shorter than 32 bytes/);
  });

  it('stops with the name of a bad variable', () => {
    expect(() => sipEnv({ FREESWITCH_PORT: 'eighty' })).toThrow(/FREESWITCH_PORT/);
    expect(() => sipEnv({ SIP_DRAIN_SECONDS: '-1' })).toThrow(/SIP_DRAIN_SECONDS/);
  });

  it('SIP_ENGINE=simulated, with how dialled numbers answer (issue 10)', () => {
    expect(sipEnv({}).SIP_ENGINE).toBe('drachtio');
    const settings = sipEnv({ SIP_ENGINE: 'simulated', SIM_DIAL_ANSWERS: '0611111111=busy,+33622222222=no-answer' });
    expect(settings.SIP_ENGINE).toBe('simulated');
    expect(simulatedAnswers(settings)).toEqual(new Map([['0611111111', 'busy'], ['+33622222222', 'no-answer']]));
    expect(simulatedAnswers(sipEnv({}))).toEqual(new Map());
    expect(() => sipEnv({ SIP_ENGINE: 'freeswitch' })).toThrow(/SIP_ENGINE/);
    expect(() => sipEnv({ SIM_DIAL_ANSWERS: '0611111111=maybe' })).toThrow(/SIM_DIAL_ANSWERS/);
  });
});
