import { accountsEn } from "../features/accounts/messages";
import { editionsEn } from "../features/editions/messages";
import { mailEn } from "../features/mail/messages";
import { mediaEn } from "../features/media/messages";
import { organisersEn } from "../features/organisers/messages";
import { partnersEn } from "../features/partners/messages";
import { programmeEn } from "../features/programme/messages";
import { registrationEn } from "../features/registration/messages";
import { segmentsEn } from "../features/segments/messages";
import { deskTableEn } from "../features/desk/table-messages";
import { settingsEn } from "../features/settings/messages";
import { figuresEn } from "../features/figures/messages";
import { deskPersonEn } from "../features/desk/person-messages";
import { exportsEn } from "../features/exports/messages";
import { messagesEn } from "../features/messages/messages";
import { meetingsEn } from "../features/meetings/messages";
import { cafesEn } from "../features/cafes/messages";

// Interface text in English. Every key here must exist in fr.ts (checked by the compiler and a test).
// Features keep their own text in app/features/<feature>/messages.ts, merged here.
const en = {
  ...accountsEn,
  ...editionsEn,
  ...mailEn,
  ...mediaEn,
  ...organisersEn,
  ...partnersEn,
  ...programmeEn,
  ...registrationEn,
  ...segmentsEn,
  ...deskTableEn,
  ...settingsEn,
  ...exportsEn,
  ...messagesEn,
  "site.name": "Rencontres AICT",
  "language.name": "English",

  "nav.languages": "Language",
  "nav.main": "Main menu",
  "nav.footer": "About this site",
  "nav.skip": "Skip to content",
  "nav.edition": "{year} edition",
  "nav.programme": "Programme",
  "nav.practical": "Practical information",
  "nav.partners": "Partners",
  "nav.archive": "Past editions",

  "footer.accessibility": "Accessibility: not compliant",
  "footer.legal": "Legal notice",
  "footer.privacy": "Privacy",
  "footer.organiser": "The Rencontres are organised by Cités Unies France.",

  "error.notFound.title": "Page not found",
  "error.notFound.text": "This address matches no page of the site. It may have been mistyped, or the page may have moved.",
  "error.badRequest.title": "Request not understood",
  "error.badRequest.text": "The address contains something the site cannot read.",
  "error.serverError.title": "Something went wrong",
  "error.serverError.text": "The page could not be shown. Please try again in a moment.",
  "error.forbidden.title": "Not allowed",
  "error.forbidden.text": "This request was refused: it did not come from a page of this site, or you may not do this.",
  "error.refused.title": "Not possible",
  "error.refused.text": "This request cannot be carried out as it stands.",
  "error.rateLimited.title": "Too many requests",
  "error.rateLimited.text": "Too many requests came from your connection. Please wait a few minutes and try again.",
  "error.sessionNotFound": "This session was not found.",
  "error.invalidForm": "Some fields need your attention.",
  "form.errorSummary": "There is a problem",
  "form.problem": "{label}: {message}",
  "form.errorTitle": "Error: {title}",
  "form.errorPrefix": "Error:",
  "form.maxLength": "{max} characters maximum",
  "form.languageSwitchNote": "Changing the language reloads this form empty: what you typed is not kept.",
  "error.payloadTooLarge.title": "Form too large",
  "error.payloadTooLarge.text": "What was sent is larger than any form of this site accepts.",
  "error.unsupportedMediaType.title": "Form not understood",
  "error.unsupportedMediaType.text": "The site only accepts forms sent by a web browser.",
  "error.malformedForm.title": "Form not understood",
  "error.malformedForm.text": "The form that was sent is damaged. Go back, reload the page and try again.",
  "error.methodNotAllowed.title": "Request not supported",
  "error.methodNotAllowed.text": "This site only answers GET, HEAD and POST requests.",
  "error.backHome": "Back to the home page",

  "edition.number": "{number, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} edition",
  "edition.archived": "This is a past edition, kept as it was.",
  "edition.seeCurrent": "See the {year} edition",
  "edition.themeQuoted": "“{theme}”",
  "edition.dates": "Dates",
  "edition.venue": "Venue",
  "edition.more": "Also on this site",
  "edition.hashtag": "On social media: {hashtag}",

  "registration.heading": "Registration",
  "registration.upcoming": "Online registration opens on {date}.",
  "registration.open": "Online registration is open until {date}.",
  "registration.closed": "Online registration is closed.",

  "programme.heading": "Programme",
  "programme.full": "Full programme",
  "programme.title": "Programme {year}",
  "programme.days": "Days of the programme",
  "programme.allDays": "All days",
  "programme.filter": "Show only",
  "programme.apply": "Apply",
  "programme.reset": "Show everything",
  "programme.calendar": "Add the programme to my calendar (.ics)",
  "programme.empty": "No session matches this choice.",
  "programme.parallel": "{count} sessions at the same time",

  "honour.heading": "Country of honour",
  "honour.country": "This year's country of honour: {country}.",
  "honour.toBeAnnounced": "The country of honour will be announced soon.",

  "kind.welcome": "Welcome",
  "kind.opening": "Opening",
  "kind.plenary": "Plenary",
  "kind.conference": "Conference",
  "kind.workshop_thematic": "Thematic workshop",
  "kind.workshop_regional": "Regional workshop",
  "kind.regional_meeting": "Regional meeting",
  "kind.b2b": "B2B meetings",
  "kind.cafe": "Café des Rencontres",
  "kind.break": "Break",
  "kind.meal": "Meal",
  "kind.ceremony": "Ceremony",
  "kind.networking": "Networking",
  "kind.closing": "Closing",

  "session.room": "Room: {room}",
  "session.signup": "Sign-up required, {capacity} seats",
  "session.time": "{start} to {end}",
  "session.back": "Back to the programme",
  "session.when": "When",
  "session.where": "Where",
  "session.seats": "Seats",
  "session.seatsLeft": "{left, plural, =0 {Full} one {One seat left} other {# seats left}} out of {capacity}",
  "session.signUpTitle": "How to sign up",
  "session.signUpOpen": "Seats go to the first who ask: once your registration is confirmed, take yours from your space.",
  "session.signUpFull": "Full: from your space, you can join the waiting list; a seat that frees up goes to the next in line, who is told by e-mail.",
  "session.signUpByWishes": "Seats are given by ranked wishes: rank this session in your space while the round is open.",
  "session.toSpace": "Sign up from my space",
  "session.toSpaceHelp": "You will be asked to sign in first, by a link sent to your e-mail address.",
  "session.speakers": "Speakers",
  "session.moderator": "moderator",
  "session.addToCalendar": "Add to my calendar (.ics)",

  "practical.title": "Practical information {year}",
  "practical.venue": "Venue",
  "practical.map": "See on a map (OpenStreetMap)",
  "practical.venueWebsite": "Website of the venue",
  "practical.access": "Getting there",
  "practical.contacts": "Contacts",
  "practical.phone": "Phone:",
  "practical.email": "E-mail:",
  "practical.links": "Links",

  "access.metro": "Metro",
  "access.rer": "RER",
  "access.bus": "Bus",
  "access.tram": "Tram",
  "access.parking": "Car park",
  "access.bicycle": "Bicycle",
  "access.accessibility": "Step-free access",

  "partners.title": "Partners and supporters {year}",
  "partners.website": "Website of {name}",
  "supporterRole.organiser": "Organiser",
  "supporterRole.support": "With the support of",
  "supporterRole.funder": "Funded by",
  "supporterRole.partner": "Partners",
  "supporterRole.media": "Media partners",

  "archive.title": "Editions of the Rencontres",
  "archive.edition": "{number, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} edition, {year}",

  "calendar.programmeName": "Programme of the Rencontres {year}",
  "calendar.speakers": "Speakers:",
  ...figuresEn,
  ...deskPersonEn,
  ...meetingsEn,
  ...cafesEn,
};

export default en;
