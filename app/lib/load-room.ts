import { cache } from 'react';
import { notFound } from 'next/navigation';
import type { Actor } from '@/server/auth/actor';
import { systemClock } from '@/server/lib/clock';
import { NotFoundError } from '@/server/lib/errors';
import { getRoom } from '@/server/rooms/service';

/** T-1: a missing room and another tenant's room both render the 404 page. Read once per request. */
export const loadRoom = cache(async (actor: Actor, roomId: string) => {
  try {
    return await getRoom(actor, roomId, systemClock());
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});
