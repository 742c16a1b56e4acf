import type { Language } from '@/server/db/schema/tenants';

/** Languages with their own wording; the others read English until translated (E-5). */
export type EmailLanguage = 'fr' | 'en';

export function emailLanguage(language: Language): EmailLanguage {
  return language === 'fr' ? 'fr' : 'en';
}

/** The opening sentence of each email, to a member or in the organizer's own copy. */
interface Leads {
  invitation: (organizer: string) => string;
  reminder: (room: string, minutes: number) => string;
  update: (organizer: string) => string;
  cancellation: (organizer: string, room: string, when: string) => string;
}

interface Words {
  subject: {
    invitation: (room: string, when: string) => string;
    reminder: (room: string, minutes: number) => string;
    update: (room: string, when: string) => string;
    cancellation: (room: string, when: string) => string;
    copy: string;
  };
  lead: Leads;
  /** M-3: the organizer reads about their own conference, not an invitation from themselves. */
  ownLead: Leads;
  copy: string;
  changes: { title: string; upToDate: string; none: string };
  label: {
    separator: string;
    when: string;
    window: string;
    windowRange: (opens: string, closes: string) => string;
    portalNumbers: string;
    roomNumber: string;
    pin: string;
    description: string;
    organizer: string;
    name: string;
    duration: string;
  };
  minutes: (count: number) => string;
  howToJoin: (withPin: boolean) => string;
  extensionHint: string;
  oneTap: string;
  calendar: string;
  footer: (tenant: string) => string;
}

const fr: Words = {
  subject: {
    invitation: (room, when) => `Invitation : ${room} — ${when}`,
    reminder: (room, minutes) => `Rappel : ${room} commence dans ${minutes} minutes`,
    update: (room, when) => `Modifiée : ${room} — ${when}`,
    cancellation: (room, when) => `Annulée : ${room} — ${when}`,
    copy: '[Copie] ',
  },
  lead: {
    invitation: (organizer) => `${organizer} vous invite à une conférence téléphonique.`,
    reminder: (room, minutes) => `La conférence « ${room} » commence dans ${minutes} minutes.`,
    update: (organizer) => `${organizer} a modifié la conférence.`,
    cancellation: (organizer, room, when) => `${organizer} a annulé la conférence « ${room} » prévue le ${when}.`,
  },
  ownLead: {
    invitation: () => "Voici l'invitation à votre conférence téléphonique.",
    reminder: (room, minutes) => `Votre conférence « ${room} » commence dans ${minutes} minutes.`,
    update: () => 'Vous avez modifié votre conférence.',
    cancellation: (_organizer, room, when) => `Vous avez annulé votre conférence « ${room} » prévue le ${when}.`,
  },
  copy: 'Copie de ce que reçoivent les participants.',
  changes: { title: 'Ce qui change', upToDate: 'Les informations à jour', none: 'aucun' },
  label: {
    separator: ' : ',
    when: 'Date',
    window: 'Accès',
    windowRange: (opens, closes) => `de ${opens} à ${closes}`,
    portalNumbers: "Numéros d'accès",
    roomNumber: 'Numéro de salle',
    pin: 'Code PIN',
    description: 'Description',
    organizer: 'Organisateur',
    name: 'Nom',
    duration: 'Durée',
  },
  minutes: (count) => `${count} minutes`,
  howToJoin: (withPin) =>
    `Appelez l'un des numéros d'accès, tapez le numéro de salle suivi de #${withPin ? ', puis le code PIN suivi de #' : ''}.`,
  extensionHint: "Depuis un poste de l'entreprise, composez simplement *72.",
  oneTap: 'Appel en un geste depuis un mobile',
  calendar: "L'événement est joint pour l'ajouter à votre agenda.",
  footer: (tenant) => `${tenant} — service de conférence téléphonique`,
};

const en: Words = {
  subject: {
    invitation: (room, when) => `Invitation: ${room} — ${when}`,
    reminder: (room, minutes) => `Reminder: ${room} starts in ${minutes} minutes`,
    update: (room, when) => `Updated: ${room} — ${when}`,
    cancellation: (room, when) => `Cancelled: ${room} — ${when}`,
    copy: '[Copy] ',
  },
  lead: {
    invitation: (organizer) => `${organizer} invites you to a conference call.`,
    reminder: (room, minutes) => `The conference “${room}” starts in ${minutes} minutes.`,
    update: (organizer) => `${organizer} changed the conference.`,
    cancellation: (organizer, room, when) => `${organizer} cancelled the conference “${room}” planned for ${when}.`,
  },
  ownLead: {
    invitation: () => 'Here is the invitation to your conference call.',
    reminder: (room, minutes) => `Your conference “${room}” starts in ${minutes} minutes.`,
    update: () => 'You changed your conference.',
    cancellation: (_organizer, room, when) => `You cancelled your conference “${room}” planned for ${when}.`,
  },
  copy: 'A copy of what the participants receive.',
  changes: { title: 'What changed', upToDate: 'Up-to-date details', none: 'none' },
  label: {
    separator: ': ',
    when: 'Date',
    window: 'Access',
    windowRange: (opens, closes) => `from ${opens} to ${closes}`,
    portalNumbers: 'Dial-in numbers',
    roomNumber: 'Room number',
    pin: 'PIN',
    description: 'Description',
    organizer: 'Organizer',
    name: 'Name',
    duration: 'Duration',
  },
  minutes: (count) => `${count} minutes`,
  howToJoin: (withPin) =>
    `Call one of the dial-in numbers and type the room number followed by #${withPin ? ', then the PIN followed by #' : ''}.`,
  extensionHint: 'From a company extension, simply dial *72.',
  oneTap: 'One-tap dial from a mobile',
  calendar: 'The event is attached so you can add it to your calendar.',
  footer: (tenant) => `${tenant} — conference call service`,
};

const words: Record<EmailLanguage, Words> = { fr, en };

export function wordsFor(language: Language): Words {
  return words[emailLanguage(language)];
}

export type { Words };
