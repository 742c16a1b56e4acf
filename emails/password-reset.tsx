import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Text } from '@react-email/components';
import { render, toPlainText } from '@react-email/render';
import type { EmailLanguage } from './i18n';
import type { RenderedEmail } from './render';

/** Why the link was sent: asked by the user, sent by an admin, or the first one of an imported user. */
export type PasswordLinkReason = 'forgot' | 'admin' | 'welcome';

export interface PasswordLinkFacts {
  language: EmailLanguage;
  tenantName: string;
  userName: string;
  url: string;
  /** How long the link works, in hours. */
  validHours: number;
  reason: PasswordLinkReason;
}

interface Words {
  subject: Record<PasswordLinkReason, string>;
  lead: Record<PasswordLinkReason, (tenant: string) => string>;
  greeting: (name: string) => string;
  button: Record<PasswordLinkReason, string>;
  validity: (hours: number) => string;
  ignore: string;
  footer: (tenant: string) => string;
}

const fr: Words = {
  subject: { forgot: 'Choisir un nouveau mot de passe', admin: 'Choisir un nouveau mot de passe', welcome: 'Votre accès au portail de conférence' },
  lead: {
    forgot: () => 'Vous avez demandé à changer votre mot de passe du portail de conférence.',
    admin: (tenant) => `Un administrateur de ${tenant} vous invite à choisir un nouveau mot de passe pour le portail de conférence.`,
    welcome: (tenant) => `Un compte vous a été créé sur le portail de conférence de ${tenant}. Choisissez votre mot de passe pour vous connecter.`,
  },
  greeting: (name) => `Bonjour ${name},`,
  button: { forgot: 'Choisir un nouveau mot de passe', admin: 'Choisir un nouveau mot de passe', welcome: 'Choisir mon mot de passe' },
  validity: (hours) => `Ce lien fonctionne une seule fois, pendant ${hours === 1 ? 'une heure' : `${hours} heures`}.`,
  ignore: "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe ne change pas.",
  footer: (tenant) => `${tenant} — portail de conférence`,
};

const en: Words = {
  subject: { forgot: 'Choose a new password', admin: 'Choose a new password', welcome: 'Your access to the conference portal' },
  lead: {
    forgot: () => 'You asked to change your password for the conference portal.',
    admin: (tenant) => `An administrator of ${tenant} invites you to choose a new password for the conference portal.`,
    welcome: (tenant) => `An account was made for you on the conference portal of ${tenant}. Choose your password to sign in.`,
  },
  greeting: (name) => `Hello ${name},`,
  button: { forgot: 'Choose a new password', admin: 'Choose a new password', welcome: 'Choose my password' },
  validity: (hours) => `This link works once, for ${hours === 1 ? 'one hour' : `${hours} hours`}.`,
  ignore: 'If you did not ask for this, ignore this message: your password does not change.',
  footer: (tenant) => `${tenant} — conference portal`,
};

const body = { backgroundColor: '#f4f5f7', fontFamily: 'Helvetica, Arial, sans-serif', color: '#1f2328' };
const container = { backgroundColor: '#ffffff', margin: '24px auto', padding: '24px', maxWidth: '560px' };
const muted = { color: '#57606a', fontSize: '12px' };
const button = { backgroundColor: '#1d4ed8', color: '#ffffff', padding: '12px 20px', borderRadius: '6px', textDecoration: 'none' };

export function PasswordLinkEmail({ facts }: { facts: PasswordLinkFacts }) {
  const words = facts.language === 'fr' ? fr : en;
  const lead = words.lead[facts.reason](facts.tenantName);
  return (
    <Html lang={facts.language}>
      <Head />
      <Preview>{lead}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Heading as="h1">{words.subject[facts.reason]}</Heading>
          <Text>{words.greeting(facts.userName)}</Text>
          <Text>{lead}</Text>
          <Button href={facts.url} style={button}>
            {words.button[facts.reason]}
          </Button>
          <Text>{facts.url}</Text>
          <Text>{words.validity(facts.validHours)}</Text>
          {facts.reason !== 'welcome' && <Text>{words.ignore}</Text>}
          <Hr />
          <Text style={muted}>{words.footer(facts.tenantName)}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** E-5: the tenant's (or the user's own) language, HTML and the plain text derived from it. */
export async function renderPasswordLinkEmail(facts: PasswordLinkFacts): Promise<RenderedEmail> {
  const html = await render(<PasswordLinkEmail facts={facts} />);
  const words = facts.language === 'fr' ? fr : en;
  return { subject: words.subject[facts.reason], html, text: toPlainText(html) };
}
