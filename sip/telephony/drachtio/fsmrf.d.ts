/** drachtio-fsmrf 4.1.2 ships no types; this declares the entry point, the rest is in types.ts. */
declare module 'drachtio-fsmrf' {
  import type Srf from 'drachtio-srf';
  class Mrf {
    constructor(srf: Srf, opts?: object);
    connect(opts: {
      address: string;
      port?: number;
      secret?: string;
      listenAddress?: string;
      listenPort?: number;
      advertisedAddress?: string;
      profile?: string;
    }): Promise<unknown>;
  }
  export default Mrf;
}
