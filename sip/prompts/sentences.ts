/**
 * Sentences FreeSWITCH has no standard file for (or none in French). `generate.ts` speaks them with
 * espeak-ng into <language>/<id>.wav; an operator may replace any file with a studio recording.
 */
export const SENTENCES = {
  welcome: {
    fr: 'Bienvenue sur le service de conférence.',
    en: 'Welcome to the conference service.',
  },
  'enter-room-number': {
    fr: 'Veuillez saisir le numéro de la conférence, suivi de la touche dièse.',
    en: 'Please enter the conference number, followed by the pound key.',
  },
  'enter-pin': {
    fr: 'Veuillez saisir le code PIN, suivi de la touche dièse.',
    en: 'Please enter the PIN, followed by the pound key.',
  },
  'invalid-room': {
    fr: "Ce numéro de conférence n'est pas valide.",
    en: 'This conference number is not valid.',
  },
  'invalid-pin': {
    fr: "Ce code PIN n'est pas valide.",
    en: 'This PIN is not valid.',
  },
  'room-not-open': {
    fr: "Cette conférence n'est pas encore ouverte. Veuillez rappeler à l'heure prévue.",
    en: 'This conference is not open yet. Please call again at the scheduled time.',
  },
  'room-ended': {
    fr: 'Cette conférence est terminée.',
    en: 'This conference has ended.',
  },
  'room-locked': {
    fr: 'Cette conférence est verrouillée.',
    en: 'This conference is locked.',
  },
  'room-unavailable': {
    fr: 'Cette conférence est momentanément indisponible. Veuillez rappeler plus tard.',
    en: 'This conference is unavailable at the moment. Please call again later.',
  },
  goodbye: {
    fr: 'Au revoir.',
    en: 'Goodbye.',
  },
  'adhoc-malformed': {
    fr: "Les numéros composés ne sont pas valides. Aucun appel n'a été passé.",
    en: 'The numbers you dialled are not valid. No call has been placed.',
  },
  'adhoc-number-refused': {
    fr: "Un des numéros n'est pas autorisé et ne sera pas appelé.",
    en: 'One of the numbers is not allowed and will not be called.',
  },
  'adhoc-calling': {
    fr: 'Appel des participants en cours.',
    en: 'Calling the participants.',
  },
  'adhoc-nobody-answered': {
    fr: "Aucun participant n'a répondu.",
    en: 'Nobody answered.',
  },
} as const;

export type SentenceId = keyof typeof SENTENCES;
export const SENTENCE_LANGUAGES = ['fr', 'en'] as const;
export type SentenceLanguage = (typeof SENTENCE_LANGUAGES)[number];
