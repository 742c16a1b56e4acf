import path from 'node:path';
import { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { DateTime } from 'luxon';
import type { Actor } from '@/server/auth/actor';
import { getConference, monthRows, tenantOf, visibleConferences } from '@/server/conferences/queries';
import { dateLocale } from '@/server/lib/date-locale';
import { parseInput } from '@/server/lib/validation';
import { formatLocalDateTime } from '@/server/rooms/rules/localtime';
import { monthLegBatches } from './legs';
import { legSeconds, monthRange } from './participant-minutes';
import { monthQuerySchema, type MonthQuery } from './schemas';
import { formatDuration, historyLanguage, historyWords, type HistoryLanguage } from './words';

// DejaVu carries every accent of French names and a few more scripts; pdfkit's built-in
// Helvetica (WinAnsi) would turn "Zoë Łukasz" into garbage.
// Found from the project root, where every process of the product runs (npm scripts, /app in
// docker/): a require.resolve here would make the Next bundler try to bundle the fonts.
const fontFile = (name: string) => path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf', name);
const FONT = fontFile('DejaVuSans.ttf');
const BOLD = fontFile('DejaVuSans-Bold.ttf');

const MARGIN = 40;
const ROW = 16;
/** How far the monthly PDF may run ahead of its reader before it waits (a slow client holds no more than this). */
const AHEAD_BYTES = 64 * 1024;

/** One line of the table of legs. */
interface LegRow {
  callerNumber: string | null;
  callerName: string | null;
  role: string;
  joinedAt: Date;
  leftAt: Date | null;
  durationSeconds: number;
  participantMinutes: number;
}

interface ConferenceHeading {
  title: string;
  startedAt: Date;
  endedAt: Date | null;
  durationSeconds: number;
  participantMinutes: number;
}

type Words = ReturnType<typeof historyWords>;

/**
 * A PDF report (H-3) written as it goes: header with the tenant, the period and the totals, then
 * per conference a heading and its table of legs, a page number at the foot of every page.
 */
class Report {
  readonly doc = new PDFDocument({ size: 'A4', margin: MARGIN, autoFirstPage: false, font: FONT, info: { Title: 'Report' } });
  private page = 0;
  private readonly columns: { label: string; width: number; align?: 'right' }[];

  constructor(
    private readonly t: Words,
    private readonly zone: string,
    private readonly locale: string,
    private readonly separator: string,
  ) {
    const c = (key: string) => t(`participantColumns.${key}` as never);
    this.columns = [
      { label: c('number'), width: 100 },
      { label: c('name'), width: 110 },
      { label: c('role'), width: 75 },
      { label: c('joined'), width: 70 },
      { label: c('left'), width: 70 },
      { label: c('duration'), width: 50, align: 'right' },
      { label: 'min', width: 40, align: 'right' },
    ];
    this.doc.on('pageAdded', () => this.footer());
    // pdfkit pushes what it renders without looking at the reader; Node calls _read when the
    // reader wants more, which is when a writer waiting in readerCaughtUp may go on.
    this.doc._read = () => this.wakeWriter();
    this.doc.once('close', () => this.wakeWriter());
    this.doc.addPage();
  }

  private waiting: (() => void) | null = null;

  private wakeWriter(): void {
    const wake = this.waiting;
    this.waiting = null;
    wake?.();
  }

  /** Resolves once the reader has taken what was rendered, at once when little is waiting. */
  async readerCaughtUp(): Promise<void> {
    if (this.doc.readableLength <= AHEAD_BYTES || this.doc.destroyed) return;
    await new Promise<void>((resolve) => (this.waiting = resolve));
  }

  /** The client went away (its stream was cancelled): nothing more to render. */
  get abandoned(): boolean {
    return this.doc.destroyed;
  }

  private footer(): void {
    this.page += 1;
    const { doc } = this;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONT).fontSize(8).fillColor('#555').text(this.t('pdf.page', { page: this.page }), MARGIN, doc.page.height - 28, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.fillColor('black').x = MARGIN;
    doc.y = MARGIN;
  }

  private room(height: number): void {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }

  header(title: string, tenantName: string, period: string, totals: [string, string][], now: Date): void {
    const { doc, t } = this;
    doc.font(BOLD).fontSize(18).text(title);
    doc.moveDown(0.5);
    doc.font(FONT).fontSize(10);
    for (const [label, value] of [[t('pdf.tenant'), tenantName], [t('pdf.period'), period], ...totals]) doc.text(`${label}${this.separator}${value}`);
    doc.fontSize(8).fillColor('#555').text(t('pdf.rounding', { zone: this.zone }));
    doc.text(t('pdf.generated', { at: this.when(now) })).fillColor('black');
    doc.moveDown();
  }

  private when(at: Date): string {
    return formatLocalDateTime(at, this.zone, this.locale);
  }

  private time(at: Date, day: Date): string {
    const local = DateTime.fromJSDate(at, { zone: this.zone });
    const sameDay = local.hasSame(DateTime.fromJSDate(day, { zone: this.zone }), 'day');
    return sameDay ? local.toFormat('HH:mm:ss') : this.when(at);
  }

  conference(heading: ConferenceHeading): void {
    const { doc, t } = this;
    this.room(ROW * 4);
    doc.moveDown(0.5);
    doc.font(BOLD).fontSize(11).text(heading.title, MARGIN);
    const end = heading.endedAt ? this.when(heading.endedAt) : t('pdf.inProgress');
    doc.font(FONT).fontSize(9).text(
      [
        [t('pdf.start'), this.when(heading.startedAt)],
        [t('pdf.end'), end],
        [t('pdf.duration'), formatDuration(heading.durationSeconds)],
        [t('pdf.participantMinutes'), String(heading.participantMinutes)],
      ]
        .map(([label, value]) => `${label}${this.separator}${value}`)
        .join('   '),
    );
    this.tableHeader();
  }

  private tableHeader(): void {
    this.cells(this.columns.map((c) => c.label), BOLD);
  }

  private cells(values: string[], font = FONT): void {
    const { doc } = this;
    if (doc.y + ROW > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (font === FONT) this.tableHeader();
    }
    const y = doc.y;
    let x = MARGIN;
    doc.font(font).fontSize(8);
    values.forEach((value, i) => {
      const { width, align } = this.columns[i];
      doc.text(value, x, y + 3, { width: width - 4, height: ROW - 3, ellipsis: true, align, lineBreak: false });
      x += width;
    });
    doc.moveTo(MARGIN, y + ROW).lineTo(x, y + ROW).lineWidth(0.3).strokeColor('#bbb').stroke();
    doc.x = MARGIN;
    doc.y = y + ROW;
  }

  leg(leg: LegRow, day: Date): void {
    const { t } = this;
    this.cells([
      leg.callerNumber ?? t('hidden'),
      leg.callerName ?? '',
      t(`roles.${leg.role}` as never),
      this.time(leg.joinedAt, day),
      leg.leftAt ? this.time(leg.leftAt, day) : t('stillIn'),
      formatDuration(leg.durationSeconds),
      String(leg.participantMinutes),
    ]);
  }

  none(): void {
    this.doc.font(FONT).fontSize(9).text(this.t('pdf.noLegs'), MARGIN);
  }

  response(filename: string, rest?: () => Promise<void>): Response {
    if (rest)
      void rest().then(
        () => this.doc.destroyed || this.doc.end(),
        (error: unknown) => this.doc.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    else this.doc.end();
    // Counted in bytes: toWeb's default counts chunks (16,384 of them), and pdfkit writes many small ones.
    const body = Readable.toWeb(this.doc as unknown as Readable, { strategy: new ByteLengthQueuingStrategy({ highWaterMark: 16 * 1024 }) });
    return new Response(body as ReadableStream, {
      headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'private, no-store' },
    });
  }
}

function conferenceTitle(t: Words, c: { kind: string; roomNumber: string | null; roomName: string | null; organizerExtension: string | null }): string {
  if (c.kind === 'adhoc') return t('adhoc', { extension: c.organizerExtension ?? '?' });
  if (c.roomName === null) return t('deletedRoom', { roomNumber: c.roomNumber ?? '?' });
  return `${c.roomName} (${c.roomNumber ?? ''})`;
}

async function* lines<T>(batches: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

/** Reports are in the reader's language: their profile's, else the tenant's. */
async function context(actor: Actor, language?: string) {
  const tenant = await tenantOf(actor.tenantId);
  const lang: HistoryLanguage = historyLanguage(language ?? actor.locale ?? tenant.language);
  // French sets a space before the colon.
  return { tenant, lang, t: historyWords(lang), locale: dateLocale(lang, tenant.timezone), separator: lang === 'fr' ? '\u00a0: ' : ': ' };
}

/** H-3 `GET /api/v1/conferences/{id}/report.pdf`: one conference, its legs, its totals. */
export async function conferenceReportPdf(actor: Actor, conferenceId: string, now: Date, language?: string): Promise<Response> {
  const conference = await getConference(actor, conferenceId, now);
  const { tenant, t, locale, separator } = await context(actor, language);
  const report = new Report(t, tenant.timezone, locale, separator);
  const startedAt = new Date(conference.startedAt);
  const title = conferenceTitle(t, { kind: conference.kind, roomNumber: conference.room?.roomNumber ?? null, roomName: conference.room?.name ?? null, organizerExtension: conference.organizerExtension });
  report.header(t('pdf.conferenceTitle'), tenant.name, formatLocalDateTime(startedAt, tenant.timezone, locale), [
    [t('pdf.participants'), String(conference.participantCount)],
    [t('pdf.participantMinutes'), String(conference.participantMinutes)],
  ], now);
  report.conference({ title, startedAt, endedAt: conference.endedAt ? new Date(conference.endedAt) : null, durationSeconds: conference.durationSeconds, participantMinutes: conference.participantMinutes });
  if (conference.participants.length === 0) report.none();
  for (const leg of conference.participants) report.leg({ ...leg, joinedAt: new Date(leg.joinedAt), leftAt: leg.leftAt ? new Date(leg.leftAt) : null }, startedAt);
  return report.response(`conference-${DateTime.fromJSDate(startedAt, { zone: tenant.timezone }).toFormat('yyyy-MM-dd-HHmm')}.pdf`);
}

/**
 * H-3 `GET /api/v1/conferences/report.pdf?month=`: totals first (summed by PostgreSQL), then
 * every conference with its legs, read through the same cursor as the CSV.
 */
export async function monthReportPdf(actor: Actor, query: MonthQuery, now: Date, language?: string): Promise<Response> {
  const { month } = parseInput(monthQuerySchema, query);
  const { tenant, t, locale, lang, separator } = await context(actor, language);
  const range = monthRange(month, tenant.timezone);
  const scope = visibleConferences(actor);
  const rows = await monthRows(scope, range, now);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const report = new Report(t, tenant.timezone, locale, separator);
  const period = DateTime.fromJSDate(range.from, { zone: tenant.timezone }).setLocale(lang).toFormat('LLLL yyyy');
  report.header(t('pdf.monthTitle'), tenant.name, period, [
    [t('pdf.conferences'), String(rows.length)],
    [t('pdf.participants'), String(rows.reduce((s, r) => s + r.participantCount, 0))],
    [t('pdf.participantMinutes'), String(rows.reduce((s, r) => s + r.participantMinutes, 0))],
  ], now);
  // The legs follow as the client reads (H-3: a month of 200,000 legs is thousands of pages).
  const rest = async () => {
    let current: string | null = null;
    for await (const line of lines(monthLegBatches(scope, range, now))) {
      if (report.abandoned) return;
      if (line.conference_id !== current) {
        current = line.conference_id;
        const row = byId.get(current);
        report.conference({
          title: conferenceTitle(t, { kind: line.kind, roomNumber: line.room_number, roomName: line.room_name, organizerExtension: line.organizer_extension }),
          startedAt: line.conference_started_at,
          endedAt: line.conference_ended_at,
          durationSeconds: legSeconds(line.conference_started_at, line.conference_ended_at, now),
          participantMinutes: row?.participantMinutes ?? 0,
        });
      }
      report.leg(
        { callerNumber: line.caller_number, callerName: line.caller_name, role: line.role, joinedAt: line.joined_at, leftAt: line.left_at, durationSeconds: line.duration_seconds, participantMinutes: line.participant_minutes },
        line.conference_started_at,
      );
      await report.readerCaughtUp();
    }
  };
  return report.response(`conferences-${month}.pdf`, rest);
}
