import { MAX_ANNOUNCEMENT_MS } from '@/server/announcements/audio';
import type { CallDeps, CallOutcome } from '../deps';
import type { RecordingFile } from '../media/files';
import type { CallSession } from '../session';

const TRIES = 3;
/** Shorter than this is a slip of the finger on `#`, not a message. */
const MIN_RECORDING_MS = 500;

type Choice = 'keep' | 'again' | 'none';

/**
 * T-2 `*73` from an admin's extension: record after the tone, hear it back, `1` keeps it (stored
 * like an upload, checked the same way), `2` records again. Whatever fails, the current
 * announcement stays and the caller is told so.
 */
export async function recordAnnouncement(session: CallSession, deps: CallDeps): Promise<CallOutcome> {
  const tenantId = session.tenant.id;
  const notSaved = async (): Promise<CallOutcome> => {
    await session.play('announcement-not-saved', 'goodbye');
    await session.hangup();
    return { tenantId, decision: 'refused', reason: 'abandoned', announcement: 'not-saved' };
  };

  for (let attempt = 0; attempt < TRIES && session.active; attempt++) {
    const file = await deps.media.recording(tenantId);
    try {
      const audio = await recordOnce(session, file);
      if (!session.active) break;
      if (!audio) {
        await session.play('announcement-empty');
        continue;
      }
      await session.play('announcement-review');
      await session.announce({ id: 'recorded-announcement', uri: file.uri });
      const choice = await askKeep(session);
      if (choice === 'again') continue;
      if (choice === 'none') return notSaved();
      try {
        await deps.services.storeRecordedAnnouncement(tenantId, audio, deps.clock.now());
      } catch (err) {
        session.log.error({ err }, 'could not store the recorded welcome announcement');
        return notSaved();
      }
      session.log.info('welcome announcement recorded by phone');
      await session.play('announcement-saved', 'goodbye');
      await session.hangup();
      return { tenantId, decision: 'admitted', announcement: 'saved' };
    } finally {
      await file.discard().catch((err: unknown) => session.log.warn({ err }, 'could not remove a recording'));
    }
  }
  if (!session.active) return { tenantId, decision: 'refused', reason: 'abandoned', announcement: 'not-saved' };
  return notSaved();
}

/** The message as the media server wrote it; null when nothing worth keeping was recorded. */
async function recordOnce(session: CallSession, file: RecordingFile): Promise<Uint8Array | null> {
  await session.play('record-announcement', 'record-tone');
  if (!session.active) return null;
  const { durationMs } = await session.leg.record({ uri: file.uri, maxMs: MAX_ANNOUNCEMENT_MS });
  if (durationMs < MIN_RECORDING_MS) return null;
  return file.read();
}

async function askKeep(session: CallSession): Promise<Choice> {
  for (let attempt = 0; attempt < TRIES && session.active; attempt++) {
    const key = await session.collect('announcement-keep-or-retry', 1);
    if (key === '1') return 'keep';
    if (key === '2') return 'again';
  }
  return 'none';
}
