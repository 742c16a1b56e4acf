import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { EmailFacts } from '@/emails/facts';
import type { ReportFacts } from '@/emails/report';
import { notifications, type NotificationKind } from '@/server/db/schema';
import type { Executor } from './tx';

export interface Recipient {
  memberId: string | null;
  name: string;
  email: string;
}

export interface NotificationDraft {
  tenantId: string;
  roomId: string;
  kind: NotificationKind;
  /** ReportFacts for a report (H-5), EmailFacts for the emails about the room. */
  facts: EmailFacts | ReportFacts;
  /** A report's conference: one report per conference and recipient. */
  conferenceId?: string;
  recipients: Recipient[];
}

/** The channel a worker listens on to hear that notifications were written. */
export const NOTIFICATIONS_CHANNEL = 'notifications_due';

/** Resend's batch endpoint takes at most 100 emails, and no attachments (E-6). */
const BATCH_LIMIT = 100;
const INSERT_CHUNK = 1_000;
const batchable = (kind: NotificationKind) => kind === 'reminder-30' || kind === 'reminder-15';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function rowsOf(draft: NotificationDraft, now: Date) {
  const rows = draft.recipients.map((recipient) => ({
    id: randomUUID(),
    tenantId: draft.tenantId,
    roomId: draft.roomId,
    memberId: recipient.memberId,
    recipientEmail: normalizeEmail(recipient.email),
    recipientName: recipient.name,
    kind: draft.kind,
    conferenceId: draft.conferenceId ?? null,
    roomVersion: draft.facts.room.version,
    facts: draft.facts,
    nextAttemptAt: now,
    createdAt: now,
  }));
  // Batches are fixed here, once: a retried request must carry exactly the same emails.
  const batches = batchable(draft.kind) ? chunk(rows, BATCH_LIMIT) : rows.map((row) => [row]);
  return batches.flatMap((batch) => batch.map((row) => ({ ...row, batchId: batch[0].id })));
}

/**
 * Writes the rows the drafts describe; a row that already exists (same recipient, kind and room
 * version) is left alone, which is what keeps anyone from getting an email twice (M-4, M-5).
 * Returns the rows written.
 */
export async function createNotifications(tx: Executor, drafts: NotificationDraft[], now: Date) {
  const written: { id: string; batchId: string; memberId: string | null }[] = [];
  // PostgreSQL takes at most 65,535 parameters per statement.
  for (const rows of chunk(drafts.flatMap((draft) => rowsOf(draft, now)), INSERT_CHUNK)) {
    written.push(
      ...(await tx
        .insert(notifications)
        .values(rows)
        .onConflictDoNothing()
        .returning({ id: notifications.id, batchId: notifications.batchId, memberId: notifications.memberId })),
    );
  }
  await adoptOrphans(tx, written);
  // Delivered at commit: a running worker sends at once instead of at its next minute.
  if (written.length > 0) await tx.execute(sql`select pg_notify(${NOTIFICATIONS_CHANNEL}, '')`);
  return written;
}

/** A batch whose leader already existed would never be claimed: its first written row leads it. */
async function adoptOrphans(tx: Executor, written: { id: string; batchId: string }[]): Promise<void> {
  const writtenIds = new Set(written.map((row) => row.id));
  const orphansByBatch = new Map<string, { id: string; batchId: string }[]>();
  for (const row of written.filter((r) => !writtenIds.has(r.batchId))) {
    orphansByBatch.set(row.batchId, [...(orphansByBatch.get(row.batchId) ?? []), row]);
  }
  for (const orphans of orphansByBatch.values()) {
    const leader = orphans[0].id;
    await tx.update(notifications).set({ batchId: leader }).where(inArray(notifications.id, orphans.map((o) => o.id)));
    for (const orphan of orphans) orphan.batchId = leader;
  }
}
