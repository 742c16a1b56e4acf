import type { ConferenceEvent } from '@/server/db/schema';
import { runningConferenceOfRoom, type LiveAccess } from './access';
import { eventsSince } from './events';
import { liveHub } from './hub';
import { lastEventId, streamEvent, type StreamEvent } from './view';

/**
 * Server-Sent Events for one conference (L-1): a plain HTTP response the browser's EventSource
 * reads and resumes by itself (Last-Event-ID), through proxies and HTTP/2 without an upgrade;
 * the page sends its actions as ordinary requests, so a one-way push is all it needs.
 */
const HEARTBEAT_MS = 20_000;
const encoder = new TextEncoder();

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
};

export function frame(e: { id?: number; event: string; data: unknown }): string {
  return `${e.id !== undefined ? `id: ${e.id}\n` : ''}event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

/** Last-Event-ID (header, as EventSource resends it, or `lastEventId` in the query for a first connection). */
export function resumeId(request: Request): number | null {
  const raw = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId');
  if (raw === null || !/^\d{1,15}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

export interface StreamOptions {
  access: LiveAccess;
  /** Resume after this id; null: from now on (the state is read separately). */
  afterId: number | null;
  /** The page's stream also carries the action log and dial progress. */
  page: boolean;
  /** A page opened through a room link, closed when the link is regenerated or deleted. */
  tokenHash?: string;
  /**
   * Asked at each heartbeat whether the viewer may still look (a revoked token, an ended session,
   * a removed user); false closes the stream, and the client's reconnection is then refused.
   */
  stillAllowed?: () => Promise<boolean>;
  /** Keep-alive period (20 s; tests shorten it). */
  heartbeatMs?: number;
  signal: AbortSignal;
}

export async function conferenceEventStream(options: StreamOptions): Promise<Response> {
  const { access } = options;
  const afterId = options.afterId ?? (await lastEventId(access.tenantId, access.conference.id));
  let unsubscribe: (() => void) | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  const stream = new ReadableStream<Uint8Array>({
    start: async (controller) => {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe?.();
        controller.close();
      };
      options.signal.addEventListener('abort', close);
      send('retry: 2000\n\n');

      const onEvents = (events: ConferenceEvent[]) => {
        for (const row of events) {
          const out: StreamEvent | null = streamEvent(row, { mask: access.mask, isPublic: access.isPublic, page: options.page });
          if (out) send(frame(out));
          if (row.kind === 'conference-ended') return close();
        }
      };
      const onRevoked = () => {
        send(frame({ event: 'link.revoked', data: { reason: 'link-revoked' } }));
        close();
      };

      if (access.conference.endedAt) {
        // A finished conference: what the client missed, then its end, then the stream closes.
        const rest = await eventsSince({ tenantId: access.tenantId, conferenceId: access.conference.id, afterId, limit: 10_000 });
        onEvents(rest);
        if (!rest.some((r) => r.kind === 'conference-ended'))
          send(frame({ event: 'conference.ended', data: { conferenceId: access.conference.id, endedAt: access.conference.endedAt.toISOString(), reason: access.conference.endReason } }));
        return close();
      }
      heartbeat = setInterval(() => {
        send(': keep-alive\n\n');
        void options.stillAllowed?.().then(
          (allowed) => allowed || close(),
          () => undefined,
        );
      }, options.heartbeatMs ?? HEARTBEAT_MS);
      unsubscribe = await liveHub().subscribe({
        tenantId: access.tenantId,
        conferenceId: access.conference.id,
        lastId: afterId,
        tokenHash: options.tokenHash,
        onEvents,
        onRevoked,
      });
      if (closed) unsubscribe();
    },
    cancel: () => {
      closed = true;
      clearInterval(heartbeat);
      unsubscribe?.();
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
}

/**
 * A link page open while no conference runs in its room: it hears when one starts (and then
 * loads it), or that its link was revoked. Nothing else is sent.
 */
export function roomWaitStream(options: { tenantId: string; roomId: string; tokenHash: string; signal: AbortSignal }): Response {
  let stopWatching: (() => void) | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    start: async (controller) => {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        stopWatching?.();
        controller.close();
      };
      options.signal.addEventListener('abort', close);
      send('retry: 2000\n\n');
      heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
      stopWatching = await liveHub().watchRoom({
        tenantId: options.tenantId,
        roomId: options.roomId,
        tokenHash: options.tokenHash,
        onStarted: (conferenceId) => {
          send(frame({ event: 'conference.started', data: { conferenceId } }));
          close();
        },
        onRevoked: () => {
          send(frame({ event: 'link.revoked', data: { reason: 'link-revoked' } }));
          close();
        },
      });
      // A conference that started between the page's read and the watch being there.
      const running = await runningConferenceOfRoom(options.tenantId, options.roomId);
      if (running) {
        send(frame({ event: 'conference.started', data: { conferenceId: running } }));
        close();
      }
      if (closed) stopWatching();
    },
    cancel: () => {
      closed = true;
      clearInterval(heartbeat);
      stopWatching?.();
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
}
