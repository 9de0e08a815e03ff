import { accountsFr } from "../features/accounts/messages";
import { editionsFr } from "../features/editions/messages";
import { mailFr } from "../features/mail/messages";
import { mediaFr } from "../features/media/messages";
import { organisersFr } from "../features/organisers/messages";
import { partnersFr } from "../features/partners/messages";
import { programmeFr } from "../features/programme/messages";
import { registrationFr } from "../features/registration/messages";
import { segmentsFr } from "../features/segments/messages";
import { deskTableFr } from "../features/desk/table-messages";
import { settingsFr } from "../features/settings/messages";
import { deskPersonFr } from "../features/desk/person-messages";
import { exportsFr } from "../features/exports/messages";
import { messagesFr } from "../features/messages/messages";
import { meetingsFr } from "../features/meetings/messages";
import { cafesFr } from "../features/cafes/messages";
import type en from "./en";
import { figuresFr } from "../features/figures/messages";

// Interface text in French: the compiler refuses a missing or extra key.
const fr: Record<keyof typeof en, string> = {
  ...accountsFr,
  ...editionsFr,
  ...mailFr,
  ...mediaFr,
  ...organisersFr,
  ...partnersFr,
  ...programmeFr,
  ...registrationFr,
  ...segmentsFr,
  ...deskTableFr,
  ...settingsFr,
  ...exportsFr,
  ...messagesFr,
  "site.name": "Rencontres de l'AICT",
  "language.name": "Français",

  "nav.languages": "Langue",
  "nav.main": "Menu principal",
  "nav.footer": "À propos du site",
  "nav.skip": "Aller au contenu",
  "nav.edition": "Édition {year}",
  "nav.programme": "Programme",
  "nav.practical": "Infos pratiques",
  "nav.partners": "Partenaires",
  "nav.archive": "Éditions passées",

  "footer.accessibility": "Accessibilité : non conforme",
  "footer.legal": "Mentions légales",
  "footer.privacy": "Données personnelles",
  "footer.organiser": "Les Rencontres sont organisées par Cités Unies France.",

  "error.notFound.title": "Page introuvable",
  "error.notFound.text": "Cette adresse ne correspond à aucune page du site. Elle est peut-être mal saisie, ou la page a changé de place.",
  "error.badRequest.title": "Requête incomprise",
  "error.badRequest.text": "L'adresse contient un élément que le site ne sait pas lire.",
  "error.serverError.title": "Une erreur est survenue",
  "error.serverError.text": "La page n'a pas pu s'afficher. Merci de réessayer dans un instant.",
  "error.forbidden.title": "Action refusée",
  "error.forbidden.text": "Cette demande a été refusée : elle ne venait pas d'une page de ce site, ou vous n'y êtes pas autorisé·e.",
  "error.refused.title": "Impossible",
  "error.refused.text": "Cette demande ne peut pas aboutir en l'état.",
  "error.rateLimited.title": "Trop de demandes",
  "error.rateLimited.text": "Trop de demandes sont venues de votre connexion. Merci de patienter quelques minutes avant de réessayer.",
  "error.sessionNotFound": "Cette séance est introuvable.",
  "error.invalidForm": "Certains champs demandent votre attention.",
  "form.errorSummary": "Il y a un problème",
  "form.problem": "{label} : {message}",
  "form.errorTitle": "Erreur : {title}",
  "form.errorPrefix": "Erreur :",
  "form.maxLength": "{max} caractères maximum",
  "form.languageSwitchNote": "Changer de langue recharge ce formulaire vide : ce que vous avez saisi n'est pas conservé.",
  "error.payloadTooLarge.title": "Formulaire trop volumineux",
  "error.payloadTooLarge.text": "L'envoi dépasse la taille que les formulaires de ce site acceptent.",
  "error.unsupportedMediaType.title": "Formulaire incompris",
  "error.unsupportedMediaType.text": "Le site n'accepte que les formulaires envoyés par un navigateur web.",
  "error.malformedForm.title": "Formulaire incompris",
  "error.malformedForm.text": "Le formulaire envoyé est abîmé. Revenez en arrière, rechargez la page et réessayez.",
  "error.methodNotAllowed.title": "Requête non prise en charge",
  "error.methodNotAllowed.text": "Ce site ne répond qu'aux requêtes GET, HEAD et POST.",
  "error.backHome": "Retour à l'accueil",

  "edition.number": "{number}e édition",
  "edition.archived": "Cette édition est passée ; sa page est conservée telle quelle.",
  "edition.seeCurrent": "Voir l'édition {year}",
  "edition.themeQuoted": "« {theme} »",
  "edition.dates": "Dates",
  "edition.venue": "Lieu",
  "edition.more": "Aussi sur ce site",
  "edition.hashtag": "Sur les réseaux sociaux : {hashtag}",

  "registration.heading": "Inscriptions",
  "registration.upcoming": "Ouverture des inscriptions en ligne le {date}.",
  "registration.open": "Les inscriptions en ligne sont ouvertes jusqu'au {date}.",
  "registration.closed": "Les inscriptions en ligne sont closes.",

  "programme.heading": "Programme",
  "programme.full": "Tout le programme",
  "programme.title": "Programme {year}",
  "programme.days": "Jours du programme",
  "programme.allDays": "Tous les jours",
  "programme.filter": "N'afficher que",
  "programme.apply": "Appliquer",
  "programme.reset": "Tout afficher",
  "programme.calendar": "Ajouter le programme à mon agenda (.ics)",
  "programme.empty": "Aucune séance ne correspond à ce choix.",
  "programme.parallel": "{count} séances en même temps",

  "honour.heading": "Pays à l'honneur",
  "honour.country": "Pays à l'honneur cette année : {country}.",
  "honour.toBeAnnounced": "Le pays à l'honneur sera annoncé prochainement.",

  "kind.welcome": "Accueil",
  "kind.opening": "Ouverture",
  "kind.plenary": "Plénière",
  "kind.conference": "Conférence",
  "kind.workshop_thematic": "Atelier thématique",
  "kind.workshop_regional": "Atelier régional",
  "kind.regional_meeting": "Réunion régionale",
  "kind.b2b": "Rencontres B2B",
  "kind.cafe": "Café des Rencontres",
  "kind.break": "Pause",
  "kind.meal": "Repas",
  "kind.ceremony": "Cérémonie",
  "kind.networking": "Networking",
  "kind.closing": "Clôture",

  "session.room": "Salle : {room}",
  "session.signup": "Sur inscription, {capacity} places",
  "session.time": "de {start} à {end}",
  "session.back": "Retour au programme",
  "session.when": "Quand",
  "session.where": "Où",
  "session.seats": "Places",
  "session.seatsLeft": "{left, plural, =0 {Complet} one {Une place restante} other {# places restantes}} sur {capacity}",
  "session.signUpTitle": "Comment s'inscrire",
  "session.signUpOpen": "Les places vont aux premiers qui les demandent : une fois votre inscription confirmée, réservez la vôtre depuis votre espace.",
  "session.signUpFull": "Complet : depuis votre espace, vous pouvez vous inscrire sur la liste d'attente ; une place libérée va à la personne suivante, prévenue par courriel.",
  "session.signUpByWishes": "Les places sont attribuées sur vœux classés : classez cette séance dans votre espace tant que le tour est ouvert.",
  "session.toSpace": "M'inscrire depuis mon espace",
  "session.toSpaceHelp": "Il vous sera d'abord demandé de vous connecter, par un lien envoyé à votre adresse électronique.",
  "session.speakers": "Intervenants",
  "session.moderator": "modération",
  "session.addToCalendar": "Ajouter à mon agenda (.ics)",

  "practical.title": "Infos pratiques {year}",
  "practical.venue": "Lieu",
  "practical.map": "Voir sur une carte (OpenStreetMap)",
  "practical.venueWebsite": "Site du lieu",
  "practical.access": "Venir",
  "practical.contacts": "Contacts",
  "practical.phone": "Téléphone :",
  "practical.email": "Courriel :",
  "practical.links": "Liens",

  "access.metro": "Métro",
  "access.rer": "RER",
  "access.bus": "Bus",
  "access.tram": "Tramway",
  "access.parking": "Parking",
  "access.bicycle": "Vélo",
  "access.accessibility": "Accès de plain-pied",

  "partners.title": "Partenaires et soutiens {year}",
  "partners.website": "Site de {name}",
  "supporterRole.organiser": "Organisateur",
  "supporterRole.support": "Avec le concours de",
  "supporterRole.funder": "Financé par",
  "supporterRole.partner": "Partenaires",
  "supporterRole.media": "Partenaires médias",

  "archive.title": "Les éditions des Rencontres",
  "archive.edition": "{number}e édition, {year}",

  "calendar.programmeName": "Programme des Rencontres {year}",
  "calendar.speakers": "Intervenants :",
  ...figuresFr,
  ...deskPersonFr,
  ...meetingsFr,
  ...cafesFr,
};

export default fr;
