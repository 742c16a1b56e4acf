/** s3rver 3 ships no types: what the storage test uses of it (a local S3-compatible stand-in). */
declare module 's3rver' {
  export default class S3rver {
    constructor(options: { address?: string; port?: number; silent?: boolean; directory: string; resetOnClose?: boolean; configureBuckets?: { name: string }[] });
    /** Resolves with the address the server listens on; port 0 picks a free one. */
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
