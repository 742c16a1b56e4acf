/**
 * Every sentence the product speaks, in the five tenant languages (T-2), written the way a phone
 * service of that country says it. `generate.ts` speaks them with espeak-ng into
 * <language>/<id>.wav; an operator may replace any file with a studio recording of the same name.
 * Keys are named as each country's phones print them: dièse, hash, Raute, almohadilla, cancelletto.
 */
export const SENTENCE_LANGUAGES = ['fr', 'en', 'de', 'es', 'it'] as const;
export type SentenceLanguage = (typeof SENTENCE_LANGUAGES)[number];

export const SENTENCES = {
  // The portal (D-1..D-5)
  welcome: {
    fr: 'Bienvenue sur le service de conférence.',
    en: 'Welcome to the conference service.',
    de: 'Willkommen beim Konferenzdienst.',
    es: 'Bienvenido al servicio de conferencias.',
    it: 'Benvenuti nel servizio di audioconferenza.',
  },
  'enter-room-number': {
    fr: 'Veuillez saisir le numéro de la conférence, suivi de la touche dièse.',
    en: 'Please enter the conference number, followed by the hash key.',
    de: 'Bitte geben Sie die Konferenznummer ein und drücken Sie anschließend die Rautetaste.',
    es: 'Introduzca el número de la conferencia, seguido de la tecla almohadilla.',
    it: 'Digiti il numero della conferenza, seguito dal tasto cancelletto.',
  },
  'enter-pin': {
    fr: 'Veuillez saisir le code PIN, suivi de la touche dièse.',
    en: 'Please enter the PIN, followed by the hash key.',
    de: 'Bitte geben Sie die PIN ein und drücken Sie anschließend die Rautetaste.',
    es: 'Introduzca el código PIN, seguido de la tecla almohadilla.',
    it: 'Digiti il codice PIN, seguito dal tasto cancelletto.',
  },
  'invalid-room': {
    fr: "Ce numéro de conférence n'est pas valide.",
    en: 'This conference number is not valid.',
    de: 'Diese Konferenznummer ist ungültig.',
    es: 'El número de conferencia no es válido.',
    it: 'Il numero della conferenza non è valido.',
  },
  'invalid-pin': {
    fr: "Ce code PIN n'est pas valide.",
    en: 'This PIN is not valid.',
    de: 'Diese PIN ist ungültig.',
    es: 'El código PIN no es válido.',
    it: 'Il codice PIN non è valido.',
  },
  'room-not-open': {
    fr: "Cette conférence n'est pas encore ouverte. Veuillez rappeler à l'heure prévue.",
    en: 'This conference is not open yet. Please call again at the scheduled time.',
    de: 'Diese Konferenz hat noch nicht begonnen. Bitte rufen Sie zur vereinbarten Zeit wieder an.',
    es: 'Esta conferencia todavía no ha empezado. Vuelva a llamar a la hora prevista.',
    it: "Questa conferenza non è ancora iniziata. La preghiamo di richiamare all'orario previsto.",
  },
  'room-ended': {
    fr: 'Cette conférence est terminée.',
    en: 'This conference has ended.',
    de: 'Diese Konferenz ist bereits beendet.',
    es: 'Esta conferencia ya ha terminado.',
    it: 'Questa conferenza è già terminata.',
  },
  'room-locked': {
    fr: "Cette conférence est verrouillée : il n'est plus possible de la rejoindre.",
    en: 'This conference is locked. No one else can join.',
    de: 'Diese Konferenz ist gesperrt. Eine Teilnahme ist nicht mehr möglich.',
    es: 'Esta conferencia está cerrada y no admite más participantes.',
    it: 'Questa conferenza è bloccata. Non è più possibile partecipare.',
  },
  'room-full': {
    fr: 'Cette conférence est complète.',
    en: 'This conference is full.',
    de: 'Diese Konferenz ist voll besetzt.',
    es: 'Esta conferencia está completa.',
    it: 'Questa conferenza ha raggiunto il numero massimo di partecipanti.',
  },
  'room-unavailable': {
    fr: 'Cette conférence est momentanément indisponible. Veuillez rappeler plus tard.',
    en: 'This conference is unavailable at the moment. Please call again later.',
    de: 'Diese Konferenz ist im Moment nicht erreichbar. Bitte versuchen Sie es später noch einmal.',
    es: 'Esta conferencia no está disponible en este momento. Vuelva a llamar más tarde.',
    it: 'Questa conferenza al momento non è disponibile. La preghiamo di richiamare più tardi.',
  },
  goodbye: {
    fr: 'Au revoir.',
    en: 'Goodbye.',
    de: 'Auf Wiederhören.',
    es: 'Adiós.',
    it: 'Arrivederci.',
  },

  // Ad-hoc conferences (A-1..A-5)
  'adhoc-malformed': {
    fr: "Les numéros composés ne sont pas valides. Aucun appel n'a été passé.",
    en: 'The numbers you dialled are not valid. No call has been placed.',
    de: 'Die gewählten Nummern sind ungültig. Es wurde niemand angerufen.',
    es: 'Los números marcados no son válidos. No se ha realizado ninguna llamada.',
    it: 'I numeri composti non sono validi. Non è stata effettuata nessuna chiamata.',
  },
  'adhoc-number-refused': {
    fr: "Un des numéros n'est pas autorisé et ne sera pas appelé.",
    en: 'One of the numbers is not allowed and will not be called.',
    de: 'Eine der Nummern ist nicht zugelassen und wird nicht angerufen.',
    es: 'Uno de los números no está permitido y no se llamará.',
    it: 'Uno dei numeri non è consentito e non verrà chiamato.',
  },
  'adhoc-calling': {
    fr: 'Appel des participants en cours.',
    en: 'Calling the participants.',
    de: 'Die Teilnehmer werden angerufen.',
    es: 'Llamando a los participantes.',
    it: 'Stiamo chiamando i partecipanti.',
  },
  'adhoc-nobody-answered': {
    fr: "Aucun participant n'a répondu.",
    en: 'Nobody answered.',
    de: 'Niemand hat den Anruf angenommen.',
    es: 'Ningún participante ha contestado.',
    it: 'Nessun partecipante ha risposto.',
  },

  // Entering a conference (C-7)
  'waiting-for-moderator': {
    fr: "Merci de patienter : la conférence commencera dès l'arrivée du modérateur.",
    en: 'Please hold. The conference will start as soon as the moderator joins.',
    de: 'Bitte haben Sie einen Moment Geduld. Die Konferenz beginnt, sobald der Moderator da ist.',
    es: 'Por favor, espere. La conferencia empezará en cuanto se conecte el moderador.',
    it: 'Attenda, prego. La conferenza inizierà non appena si collegherà il moderatore.',
  },
  'entered-muted': {
    fr: 'Votre micro est coupé. Pour prendre la parole, appuyez sur étoile deux.',
    en: 'Your microphone is muted. To speak, press star two.',
    de: 'Ihr Mikrofon ist stummgeschaltet. Um zu sprechen, drücken Sie Stern zwei.',
    es: 'Su micrófono está silenciado. Para hablar, pulse asterisco dos.',
    it: 'Il suo microfono è disattivato. Per parlare, prema asterisco due.',
  },
  'recording-in-progress': {
    fr: 'Cette conférence est enregistrée.',
    en: 'This conference is being recorded.',
    de: 'Diese Konferenz wird aufgezeichnet.',
    es: 'Esta conferencia se está grabando.',
    it: 'Questa conferenza viene registrata.',
  },

  // Keypad for everyone (C-4)
  'you-are-muted': {
    fr: 'Votre micro est coupé.',
    en: 'You are muted.',
    de: 'Ihr Mikrofon ist jetzt stummgeschaltet.',
    es: 'Su micrófono está silenciado.',
    it: 'Il suo microfono è disattivato.',
  },
  'you-are-unmuted': {
    fr: 'Votre micro est rétabli.',
    en: 'You are unmuted.',
    de: 'Ihr Mikrofon ist wieder eingeschaltet.',
    es: 'Su micrófono vuelve a estar activo.',
    it: 'Il suo microfono è di nuovo attivo.',
  },
  'hand-raised': {
    fr: 'Vous avez levé la main.',
    en: 'Your hand is raised.',
    de: 'Sie haben sich zu Wort gemeldet.',
    es: 'Ha levantado la mano.',
    it: 'Ha alzato la mano.',
  },
  'hand-lowered': {
    fr: 'Vous avez baissé la main.',
    en: 'Your hand is lowered.',
    de: 'Ihre Wortmeldung ist zurückgezogen.',
    es: 'Ha bajado la mano.',
    it: 'Ha abbassato la mano.',
  },
  'enter-moderator-pin': {
    fr: 'Veuillez saisir le code modérateur, suivi de la touche dièse.',
    en: 'Please enter the moderator PIN, followed by the hash key.',
    de: 'Bitte geben Sie die Moderatoren-PIN ein und drücken Sie anschließend die Rautetaste.',
    es: 'Introduzca el PIN de moderador, seguido de la tecla almohadilla.',
    it: 'Digiti il PIN del moderatore, seguito dal tasto cancelletto.',
  },
  'you-are-moderator': {
    fr: 'Vous êtes maintenant modérateur.',
    en: 'You are now a moderator.',
    de: 'Sie sind jetzt Moderator.',
    es: 'Ahora es usted moderador.',
    it: 'Ora lei è moderatore.',
  },
  'already-moderator': {
    fr: 'Vous êtes déjà modérateur.',
    en: 'You are already a moderator.',
    de: 'Sie sind bereits Moderator.',
    es: 'Ya es usted moderador.',
    it: 'Lei è già moderatore.',
  },
  'invalid-moderator-pin': {
    fr: "Ce code modérateur n'est pas valide.",
    en: 'This moderator PIN is not valid.',
    de: 'Diese Moderatoren-PIN ist ungültig.',
    es: 'El PIN de moderador no es válido.',
    it: 'Il PIN del moderatore non è valido.',
  },
  'moderator-pin-blocked': {
    fr: "Trop d'essais incorrects. Le code modérateur ne peut plus être saisi pendant cet appel.",
    en: 'Too many wrong attempts. The moderator PIN can no longer be entered during this call.',
    de: 'Zu viele falsche Versuche. Die Moderatoren-PIN kann in diesem Anruf nicht mehr eingegeben werden.',
    es: 'Demasiados intentos fallidos. Ya no puede introducir el PIN de moderador durante esta llamada.',
    it: 'Troppi tentativi errati. Non è più possibile digitare il PIN del moderatore durante questa chiamata.',
  },
  'no-moderator-pin': {
    fr: "Cette conférence n'a pas de code modérateur.",
    en: 'This conference has no moderator PIN.',
    de: 'Für diese Konferenz gibt es keine Moderatoren-PIN.',
    es: 'Esta conferencia no tiene PIN de moderador.',
    it: 'Questa conferenza non ha un PIN del moderatore.',
  },
  'moderators-only': {
    fr: 'Cette commande est réservée aux modérateurs.',
    en: 'This command is for moderators only.',
    de: 'Diese Funktion steht nur Moderatoren zur Verfügung.',
    es: 'Esta función está reservada a los moderadores.',
    it: 'Questa funzione è riservata ai moderatori.',
  },
  'help-participant': {
    fr: 'Étoile deux : couper ou rétablir votre micro. Étoile huit : lever ou baisser la main. Étoile neuf : saisir le code modérateur. Étoile étoile : réécouter ce message.',
    en: 'Star two: mute or unmute yourself. Star eight: raise or lower your hand. Star nine: enter the moderator PIN. Star star: hear this message again.',
    de: 'Stern zwei: Mikrofon aus- oder einschalten. Stern acht: sich zu Wort melden oder die Wortmeldung zurückziehen. Stern neun: Moderatoren-PIN eingeben. Stern Stern: diese Ansage wiederholen.',
    es: 'Asterisco dos: silenciar o activar su micrófono. Asterisco ocho: levantar o bajar la mano. Asterisco nueve: introducir el PIN de moderador. Asterisco asterisco: volver a escuchar este mensaje.',
    it: 'Asterisco due: disattivare o riattivare il microfono. Asterisco otto: alzare o abbassare la mano. Asterisco nove: digitare il PIN del moderatore. Asterisco asterisco: riascoltare questo messaggio.',
  },

  // Keypad for moderators (C-5)
  'help-moderator': {
    fr: "Étoile un : nombre de participants. Étoile deux : couper ou rétablir votre micro. Étoile trois : couper ou rétablir le micro de tous les participants. Étoile quatre : mettre en pause ou reprendre la conférence. Étoile cinq : activer ou désactiver les signaux d'arrivée et de départ. Étoile six : verrouiller ou déverrouiller la conférence. Étoile sept : démarrer ou arrêter l'enregistrement. Étoile huit : lever ou baisser la main. Étoile zéro : terminer la conférence pour tous.",
    en: 'Star one: number of participants. Star two: mute or unmute yourself. Star three: mute or unmute all participants. Star four: pause or resume the conference. Star five: join and leave tones on or off. Star six: lock or unlock the conference. Star seven: start or stop recording. Star eight: raise or lower your hand. Star zero: end the conference for everyone.',
    de: 'Stern eins: Anzahl der Teilnehmer. Stern zwei: eigenes Mikrofon aus- oder einschalten. Stern drei: alle Teilnehmer stumm- oder wieder lautschalten. Stern vier: Konferenz unterbrechen oder fortsetzen. Stern fünf: Signaltöne beim Kommen und Gehen ein- oder ausschalten. Stern sechs: Konferenz sperren oder freigeben. Stern sieben: Aufzeichnung starten oder beenden. Stern acht: sich zu Wort melden oder die Wortmeldung zurückziehen. Stern null: Konferenz für alle beenden.',
    es: 'Asterisco uno: número de participantes. Asterisco dos: silenciar o activar su micrófono. Asterisco tres: silenciar o activar a todos los participantes. Asterisco cuatro: pausar o reanudar la conferencia. Asterisco cinco: activar o desactivar los avisos de entrada y salida. Asterisco seis: cerrar o abrir la conferencia. Asterisco siete: iniciar o detener la grabación. Asterisco ocho: levantar o bajar la mano. Asterisco cero: finalizar la conferencia para todos.',
    it: 'Asterisco uno: numero dei partecipanti. Asterisco due: disattivare o riattivare il microfono. Asterisco tre: disattivare o riattivare il microfono di tutti i partecipanti. Asterisco quattro: mettere in pausa o riprendere la conferenza. Asterisco cinque: attivare o disattivare i segnali di ingresso e di uscita. Asterisco sei: bloccare o sbloccare la conferenza. Asterisco sette: avviare o fermare la registrazione. Asterisco otto: alzare o abbassare la mano. Asterisco zero: chiudere la conferenza per tutti.',
  },
  'count-only-you': {
    fr: 'Vous êtes seul dans la conférence.',
    en: 'You are the only participant.',
    de: 'Sie sind allein in der Konferenz.',
    es: 'Usted es el único participante.',
    it: "Lei è l'unico partecipante.",
  },
  // "There are" + a number (numbers.ts) + "participants": the number is its own file.
  'count-there-are': {
    fr: 'Il y a',
    en: 'There are',
    de: 'In der Konferenz sind',
    es: 'Hay',
    it: 'In conferenza ci sono',
  },
  'count-participants': {
    fr: 'participants dans la conférence.',
    en: 'participants in the conference.',
    de: 'Teilnehmer.',
    es: 'participantes en la conferencia.',
    it: 'partecipanti.',
  },
  'participants-muted': {
    fr: 'Les micros de tous les participants sont coupés.',
    en: 'All participants are now muted.',
    de: 'Alle Teilnehmer sind jetzt stummgeschaltet.',
    es: 'Todos los participantes están ahora silenciados.',
    it: 'Tutti i partecipanti sono stati silenziati.',
  },
  'participants-unmuted': {
    fr: 'Les participants peuvent de nouveau parler.',
    en: 'All participants are unmuted.',
    de: 'Alle Teilnehmer können wieder sprechen.',
    es: 'Todos los participantes pueden volver a hablar.',
    it: 'Tutti i partecipanti possono di nuovo parlare.',
  },
  'conference-paused': {
    fr: 'La conférence est en pause.',
    en: 'The conference is paused.',
    de: 'Die Konferenz ist unterbrochen.',
    es: 'La conferencia está en pausa.',
    it: 'La conferenza è in pausa.',
  },
  'conference-resumed': {
    fr: 'La conférence reprend.',
    en: 'The conference resumes.',
    de: 'Die Konferenz wird fortgesetzt.',
    es: 'Se reanuda la conferencia.',
    it: 'La conferenza riprende.',
  },
  'join-leave-tones-on': {
    fr: "Les signaux d'arrivée et de départ sont activés.",
    en: 'Join and leave tones are on.',
    de: 'Die Signaltöne beim Kommen und Gehen sind eingeschaltet.',
    es: 'Los avisos de entrada y salida están activados.',
    it: 'I segnali di ingresso e di uscita sono attivati.',
  },
  'join-leave-tones-off': {
    fr: "Les signaux d'arrivée et de départ sont désactivés.",
    en: 'Join and leave tones are off.',
    de: 'Die Signaltöne beim Kommen und Gehen sind ausgeschaltet.',
    es: 'Los avisos de entrada y salida están desactivados.',
    it: 'I segnali di ingresso e di uscita sono disattivati.',
  },
  'conference-locked': {
    fr: "La conférence est verrouillée : personne d'autre ne peut la rejoindre.",
    en: 'The conference is now locked. No one else can join.',
    de: 'Die Konferenz ist jetzt gesperrt. Niemand kann mehr hinzukommen.',
    es: 'La conferencia está cerrada: nadie más puede entrar.',
    it: 'La conferenza è bloccata: nessun altro può entrare.',
  },
  'conference-unlocked': {
    fr: 'La conférence est déverrouillée.',
    en: 'The conference is unlocked.',
    de: 'Die Konferenz ist wieder offen.',
    es: 'La conferencia vuelve a estar abierta.',
    it: 'La conferenza è sbloccata.',
  },
  'recording-unavailable': {
    fr: "L'enregistrement n'est pas disponible.",
    en: 'Recording is not available.',
    de: 'Die Aufzeichnung ist nicht verfügbar.',
    es: 'La grabación no está disponible.',
    it: 'La registrazione non è disponibile.',
  },
  'recording-started': {
    fr: 'À partir de maintenant, cette conférence est enregistrée.',
    en: 'This conference is now being recorded.',
    de: 'Diese Konferenz wird ab jetzt aufgezeichnet.',
    es: 'A partir de este momento, esta conferencia se está grabando.',
    it: 'Da questo momento la conferenza viene registrata.',
  },
  'recording-stopped': {
    fr: "L'enregistrement est arrêté.",
    en: 'Recording has stopped.',
    de: 'Die Aufzeichnung wurde beendet.',
    es: 'La grabación se ha detenido.',
    it: 'La registrazione è stata interrotta.',
  },
  'conference-ended-by-moderator': {
    fr: 'Le modérateur a mis fin à la conférence.',
    en: 'The moderator has ended the conference.',
    de: 'Der Moderator hat die Konferenz beendet.',
    es: 'El moderador ha finalizado la conferencia.',
    it: 'Il moderatore ha chiuso la conferenza.',
  },
  'moderator-left-conference-over': {
    fr: 'Le modérateur a quitté la conférence. La conférence est terminée.',
    en: 'The moderator has left. The conference is over.',
    de: 'Der Moderator hat die Konferenz verlassen. Die Konferenz ist beendet.',
    es: 'El moderador ha abandonado la conferencia. La conferencia ha terminado.',
    it: 'Il moderatore ha lasciato la conferenza. La conferenza è terminata.',
  },
} as const satisfies Record<string, Record<SentenceLanguage, string>>;

export type SentenceId = keyof typeof SENTENCES;
