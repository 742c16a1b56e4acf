import type { Db } from '@/server/db/client';

/** A transaction, or the pool itself: notification steps run inside the caller's transaction. */
export type Executor = Db | Parameters<Parameters<Db['transaction']>[0]>[0];
