import { Heading, Link, Section, Text } from '@react-email/components';
import { render, toPlainText } from '@react-email/render';
import type { Language } from '@/server/db/schema/tenants';
import { formatDuration } from '@/server/history/words';
import { dateLocale } from '@/server/lib/date-locale';
import { formatLocalDateTime, formatLocalTime } from '@/server/rooms/rules/localtime';
import { Layout } from './components/layout';
import { emailLanguage, wordsFor, type EmailLanguage } from './i18n';

/**
 * H-5: what the report after a conference says, frozen when the conference closed (the
 * notification's jsonb facts): a retry renders the same bytes, a deleted room changes nothing.
 */
export interface ReportFacts {
  tenantName: string;
  language: Language;
  timezone: string;
  room: { id: string; name: string; roomNumber: string; version: number };
  conference: { id: string; startedAt: string; endedAt: string; durationSeconds: number; participantMinutes: number };
  participants: {
    callerNumber: string | null;
    callerName: string | null;
    role: 'participant' | 'moderator' | 'organizer';
    joinedAt: string;
    leftAt: string;
    durationSeconds: number;
  }[];
  /** REC-2: links to the conference's recordings (absent in reports written before recording existed). */
  recordings?: { url: string; expiresAt: string }[];
}

interface ReportWords {
  subject: (room: string, when: string) => string;
  lead: (room: string, when: string) => string;
  duration: string;
  participantMinutes: string;
  participants: (count: number) => string;
  hidden: string;
  roles: Record<ReportFacts['participants'][number]['role'], string>;
  leg: (who: string, role: string, joined: string, left: string, duration: string) => string;
  recordings: string;
  listen: (n: number, until: string) => string;
}

const fr: ReportWords = {
  subject: (room, when) => `Compte rendu : ${room} — ${when}`,
  lead: (room, when) => `La conférence « ${room} » du ${when} est terminée. Voici qui y a participé.`,
  duration: 'Durée',
  participantMinutes: 'Minutes-participant',
  participants: (count) => `${count} participant${count > 1 ? 's' : ''}`,
  hidden: 'Numéro masqué',
  roles: { participant: 'participant', moderator: 'modérateur', organizer: 'organisateur' },
  leg: (who, role, joined, left, duration) => `${who} (${role}) : de ${joined} à ${left}, ${duration}`,
  recordings: 'Enregistrement',
  listen: (n, until) => `Écouter l'enregistrement ${n} (disponible quelques minutes après la fin, lien valable jusqu'au ${until})`,
};

const en: ReportWords = {
  subject: (room, when) => `Report: ${room} — ${when}`,
  lead: (room, when) => `The conference “${room}” of ${when} has ended. Here is who took part.`,
  duration: 'Duration',
  participantMinutes: 'Participant-minutes',
  participants: (count) => `${count} participant${count === 1 ? '' : 's'}`,
  hidden: 'Hidden number',
  roles: { participant: 'participant', moderator: 'moderator', organizer: 'organizer' },
  leg: (who, role, joined, left, duration) => `${who} (${role}): from ${joined} to ${left}, ${duration}`,
  recordings: 'Recording',
  listen: (n, until) => `Listen to recording ${n} (available a few minutes after the end; the link works until ${until})`,
};

const reportWords: Record<EmailLanguage, ReportWords> = { fr, en };


const label = { fontWeight: 'bold' as const };
const row = { margin: '4px 0' };

function ReportEmail({ facts }: { facts: ReportFacts }) {
  const lang = emailLanguage(facts.language);
  const w = reportWords[lang];
  const common = wordsFor(facts.language);
  const locale = dateLocale(lang, facts.timezone);
  const when = formatLocalDateTime(new Date(facts.conference.startedAt), facts.timezone, locale);
  const time = (iso: string) => formatLocalTime(new Date(iso), facts.timezone, locale);
  const lead = w.lead(facts.room.name, when);
  return (
    <Layout view={{ lang, words: common, tenantName: facts.tenantName }} preview={lead}>
      <Heading as="h1">{facts.room.name}</Heading>
      <Text>{lead}</Text>
      <Section>
        <Text style={row}>
          <span style={label}>{common.label.roomNumber}{common.label.separator}</span>
          {facts.room.roomNumber}
        </Text>
        <Text style={row}>
          <span style={label}>{w.duration}{common.label.separator}</span>
          {formatDuration(facts.conference.durationSeconds)} ({time(facts.conference.startedAt)} – {time(facts.conference.endedAt)}, {facts.timezone})
        </Text>
        <Text style={row}>
          <span style={label}>{w.participantMinutes}{common.label.separator}</span>
          {facts.conference.participantMinutes}
        </Text>
      </Section>
      <Heading as="h2">{w.participants(facts.participants.length)}</Heading>
      <Section>
        {facts.participants.map((p, i) => (
          <Text key={i} style={row}>
            {w.leg(
              [p.callerName, p.callerNumber ?? w.hidden].filter(Boolean).join(' — '),
              w.roles[p.role],
              time(p.joinedAt),
              time(p.leftAt),
              formatDuration(p.durationSeconds),
            )}
          </Text>
        ))}
      </Section>
      {facts.recordings?.length ? (
        <>
          <Heading as="h2">{w.recordings}</Heading>
          <Section>
            {facts.recordings.map((r, i) => (
              <Text key={r.url} style={row}>
                <Link href={r.url}>{w.listen(i + 1, formatLocalDateTime(new Date(r.expiresAt), facts.timezone, locale))}</Link>
              </Text>
            ))}
          </Section>
        </>
      ) : null}
    </Layout>
  );
}

/** H-5, E-5: the report in the tenant's language, as HTML and the plain text derived from it. */
export async function renderReportEmail(facts: ReportFacts): Promise<{ subject: string; html: string; text: string }> {
  const w = reportWords[emailLanguage(facts.language)];
  const locale = dateLocale(emailLanguage(facts.language), facts.timezone);
  const html = await render(<ReportEmail facts={facts} />);
  const subject = w.subject(facts.room.name, formatLocalDateTime(new Date(facts.conference.startedAt), facts.timezone, locale)).replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return { subject, html, text: toPlainText(html) };
}
