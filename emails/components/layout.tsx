import { Body, Container, Head, Hr, Html, Preview, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import type { EmailView } from '../view';

const body = { backgroundColor: '#f4f5f7', fontFamily: 'Helvetica, Arial, sans-serif', color: '#1f2328' };
const container = { backgroundColor: '#ffffff', margin: '24px auto', padding: '24px', maxWidth: '560px' };
const muted = { color: '#57606a', fontSize: '12px' };

export function Layout({ view, preview, children }: { view: Pick<EmailView, 'lang' | 'words' | 'tenantName'>; preview: string; children: ReactNode }) {
  return (
    <Html lang={view.lang}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          {children}
          <Hr />
          <Text style={muted}>{view.words.footer(view.tenantName)}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** Shown above the content of the organizer's copy (M-3). */
export function CopyNotice({ view, show }: { view: EmailView; show: boolean }) {
  return show ? <Text style={muted}>{view.words.copy}</Text> : null;
}
