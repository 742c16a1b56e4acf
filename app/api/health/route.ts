import { healthResponse } from '@/server/api/health';

export const dynamic = 'force-dynamic';

export const GET = () => healthResponse();
