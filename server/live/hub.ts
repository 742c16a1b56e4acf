import postgres from 'postgres';
import { eq } from 'drizzle-orm';
import { db } from '@/server/db/client';
import { conferences, type ConferenceEvent } from '@/server/db/schema';
import { logger } from '@/server/lib/logger';
import { EVENTS_CHANNEL, eventsSince, parseEventNotice } from './events';
import { LINKS_CHANNEL } from './links';

/**
 * The fan-out of one web process (ARCHITECTURE "the live path"): ONE listening connection for
 * every stream the process serves, however many browsers are open. A notice wakes the
 * conference's streams; the new rows are read once for all of them (not once per browser), from
 * the smallest id any of them still needs, and each stream gets what it has not seen. Rows of one
 * conference are numbered in commit order (server/live/events.ts), so reading after an id never
 * skips one.
 */
export interface Subscriber {
  tenantId: string;
  conferenceId: string;
  /** The last event id this stream has; it receives the events after it. */
  lastId: number;
  /** Set for a page opened through a room link: a revocation of that link closes it. */
  tokenHash?: string;
  onEvents: (events: ConferenceEvent[]) => void;
  onRevoked: () => void;
}

/** A link page waiting for its room's conference to start. */
export interface RoomWatcher {
  tenantId: string;
  roomId: string;
  tokenHash?: string;
  onStarted: (conferenceId: string) => void;
  onRevoked: () => void;
}

const READ_BATCH = 500;
const log = logger.child({ module: 'live-hub' });

export class LiveHub {
  private listener: postgres.Sql | undefined;
  private started: Promise<void> | undefined;
  private readonly byConference = new Map<string, Set<Subscriber>>();
  private readonly byRoom = new Map<string, Set<RoomWatcher>>();
  private readonly reading = new Map<string, { again: boolean }>();
  private readonly roomOf = new Map<string, string | null>();

  constructor(private readonly url: () => string) {}

  /** Resolves once the stream is registered and listening; events since `lastId` are sent at once. */
  async subscribe(sub: Subscriber): Promise<() => void> {
    await this.start();
    const set = this.byConference.get(sub.conferenceId) ?? new Set();
    set.add(sub);
    this.byConference.set(sub.conferenceId, set);
    // What was written between the snapshot and the LISTEN being there comes now.
    this.read(sub.tenantId, sub.conferenceId);
    return () => {
      set.delete(sub);
      if (set.size === 0) this.byConference.delete(sub.conferenceId);
    };
  }

  async watchRoom(watcher: RoomWatcher): Promise<() => void> {
    await this.start();
    const set = this.byRoom.get(watcher.roomId) ?? new Set();
    set.add(watcher);
    this.byRoom.set(watcher.roomId, set);
    return () => {
      set.delete(watcher);
      if (set.size === 0) this.byRoom.delete(watcher.roomId);
    };
  }

  /** How many streams this process serves (bench, diagnostics). */
  get size(): number {
    let n = 0;
    for (const set of this.byConference.values()) n += set.size;
    return n;
  }

  async close(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    this.started = undefined;
    await listener?.end({ timeout: 5 });
  }

  private start(): Promise<void> {
    this.started ??= (async () => {
      this.listener = postgres(this.url(), { max: 1, onnotice: () => {} });
      // After a reconnection the notices sent meanwhile are lost: every stream catches up from its last id.
      const catchUp = () => {
        for (const set of this.byConference.values()) {
          const first = set.values().next().value;
          if (first) this.read(first.tenantId, first.conferenceId);
        }
      };
      await this.listener.listen(EVENTS_CHANNEL, (payload) => this.onEventNotice(payload), catchUp);
      await this.listener.listen(LINKS_CHANNEL, (tokenHash) => this.onRevoked(tokenHash));
    })().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  private onEventNotice(payload: string): void {
    const notice = parseEventNotice(payload);
    if (!notice) return;
    if (this.byConference.has(notice.conferenceId)) this.read(notice.tenantId, notice.conferenceId);
    if (notice.kind === 'conference-ended') this.roomOf.delete(notice.conferenceId);
    if (this.byRoom.size > 0 && (notice.kind === 'conference-started' || notice.kind === 'participant-joined')) void this.announceStart(notice.tenantId, notice.conferenceId);
  }

  private async announceStart(tenantId: string, conferenceId: string): Promise<void> {
    if (!this.roomOf.has(conferenceId)) {
      const [row] = await db().select({ roomId: conferences.roomId, tenantId: conferences.tenantId }).from(conferences).where(eq(conferences.id, conferenceId));
      this.roomOf.set(conferenceId, row && row.tenantId === tenantId ? row.roomId : null);
    }
    const roomId = this.roomOf.get(conferenceId);
    if (!roomId) return;
    for (const watcher of this.byRoom.get(roomId) ?? []) if (watcher.tenantId === tenantId) watcher.onStarted(conferenceId);
  }

  private onRevoked(tokenHash: string): void {
    for (const set of this.byConference.values()) for (const sub of set) if (sub.tokenHash === tokenHash) sub.onRevoked();
    for (const set of this.byRoom.values()) for (const watcher of set) if (watcher.tokenHash === tokenHash) watcher.onRevoked();
  }

  /** One read at a time per conference; notices arriving meanwhile ask for one more. */
  private read(tenantId: string, conferenceId: string): void {
    const current = this.reading.get(conferenceId);
    if (current) {
      current.again = true;
      return;
    }
    const state = { again: false };
    this.reading.set(conferenceId, state);
    void (async () => {
      try {
        do {
          state.again = false;
          await this.deliver(tenantId, conferenceId);
        } while (state.again);
      } catch (error) {
        log.error({ err: error, conferenceId }, 'reading conference events failed; the next notice retries');
      } finally {
        this.reading.delete(conferenceId);
      }
    })();
  }

  private async deliver(tenantId: string, conferenceId: string): Promise<void> {
    for (;;) {
      const subs = [...(this.byConference.get(conferenceId) ?? [])].filter((s) => s.tenantId === tenantId);
      if (subs.length === 0) return;
      const afterId = Math.min(...subs.map((s) => s.lastId));
      const events = await eventsSince({ tenantId, conferenceId, afterId, limit: READ_BATCH });
      if (events.length === 0) return;
      for (const sub of subs) {
        const fresh = events.filter((e) => e.id > sub.lastId);
        if (fresh.length === 0) continue;
        sub.lastId = fresh[fresh.length - 1].id;
        sub.onEvents(fresh);
      }
      if (events.length < READ_BATCH) return;
    }
  }
}

/** One hub per process; kept on globalThis so that development reloads do not open another. */
const holder = globalThis as unknown as { liveHub?: LiveHub };
export function liveHub(): LiveHub {
  holder.liveHub ??= new LiveHub(() => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    return url;
  });
  return holder.liveHub;
}
