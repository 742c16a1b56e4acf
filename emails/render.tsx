import { render, toPlainText } from '@react-email/render';
import type { ReactElement } from 'react';
import { CancellationEmail } from './cancellation';
import type { Audience, EmailFacts, EmailKind } from './facts';
import { InvitationEmail } from './invitation';
import { ReminderEmail } from './reminder';
import { UpdateEmail } from './update';
import { emailView, type EmailView } from './view';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

function subjectOf(kind: EmailKind, view: EmailView): string {
  const { subject } = view.words;
  switch (kind) {
    case 'invitation':
      return subject.invitation(view.roomName, view.when);
    case 'reminder-30':
      return subject.reminder(view.roomName, 30);
    case 'reminder-15':
      return subject.reminder(view.roomName, 15);
    case 'update':
      return subject.update(view.roomName, view.when);
    case 'cancellation':
      return subject.cancellation(view.roomName, view.when);
  }
}

function templateOf(kind: EmailKind, view: EmailView, copy: boolean): ReactElement {
  switch (kind) {
    case 'invitation':
      return <InvitationEmail view={view} copy={copy} />;
    case 'reminder-30':
      return <ReminderEmail view={view} minutes={30} copy={copy} />;
    case 'reminder-15':
      return <ReminderEmail view={view} minutes={15} copy={copy} />;
    case 'update':
      return <UpdateEmail view={view} copy={copy} />;
    case 'cancellation':
      return <CancellationEmail view={view} copy={copy} />;
  }
}

// The one-tap link's text is already the dial sequence; its `tel:…%23` address is for dialers, not readers.
const PLAIN_TEXT = { selectors: [{ selector: 'a[href^="tel:"]', format: 'anchor', options: { ignoreHref: true } }] };

/** A header line: names stored before control characters were refused must not fold the subject (E-5). */
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ');

/** E-5: one template, the tenant's language, HTML and the plain text derived from it. */
export async function renderEmail(kind: EmailKind, facts: EmailFacts, audience: Audience): Promise<RenderedEmail> {
  const view = emailView(facts);
  const copy = audience === 'organizer';
  const html = await render(templateOf(kind, view, copy));
  return {
    subject: oneLine(`${copy ? view.words.subject.copy : ''}${subjectOf(kind, view)}`),
    html,
    text: toPlainText(html, PLAIN_TEXT),
  };
}
