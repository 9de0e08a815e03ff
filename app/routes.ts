import { index, route, type RouteConfig } from "@react-router/dev/routes";
import { languages } from "./i18n/languages";
import { segments } from "./lib/paths";

// Each public page exists once per language, under /fr/… and /en/… with localised segments.
const localisedRoutes = languages.flatMap((language) => {
  const s = (name: keyof typeof segments) => segments[name][language];
  const page = (path: string, file: string, name: string) => route(path, file, { id: `${language}:${name}` });
  return [
    page(`${language}`, "routes/edition-home.tsx", "current-edition"),
    page(`${language}/:year`, "routes/edition-home.tsx", "edition"),
    page(`${language}/:year/programme`, "routes/programme.tsx", "programme"),
    page(`${language}/:year/programme/:day`, "routes/programme.tsx", "programme-day"),
    page(`${language}/:year/programme.ics`, "routes/programme-calendar.ts", "programme-calendar"),
    page(`${language}/:year/${s("sessions")}/:sessionId`, "routes/session.tsx", "session"),
    page(`${language}/:year/${s("sessions")}/:sessionId/calendar.ics`, "routes/session-calendar.ts", "session-calendar"),
    page(`${language}/:year/${s("practical")}`, "routes/practical.tsx", "practical"),
    page(`${language}/:year/${s("partners")}`, "routes/partners.tsx", "partners"),
    page(`${language}/${s("archive")}`, "routes/archive.tsx", "archive"),
    page(`${language}/${s("accessibility")}`, "routes/accessibility.tsx", "accessibility"),
    page(`${language}/${s("legal")}`, "routes/legal.tsx", "legal"),
    page(`${language}/${s("privacy")}`, "routes/privacy.tsx", "privacy"),
    page(`${language}/${s("signIn")}`, "routes/sign-in.tsx", "sign-in"),
    page(`${language}/${s("signIn")}/${s("signInLink")}`, "routes/sign-in-link.tsx", "sign-in-link"),
    page(`${language}/${s("signOut")}`, "routes/sign-out.tsx", "sign-out"),
    page(`${language}/${s("space")}/data.json`, "routes/personal-data.ts", "personal-data"),
    page(`${language}/:year/${s("register")}`, "routes/register.tsx", "register"),
    page(`${language}/:year/${s("register")}/${s("colleague")}`, "routes/invite-colleague.tsx", "invite-colleague"),
    page(`${language}/:year/${s("invitation")}`, "routes/invitation.tsx", "invitation"),
    page(`${language}/${s("space")}`, "routes/space.tsx", "space"),
    page(`${language}/:year/${s("meetings")}`, "routes/meeting-directory.tsx", "meeting-directory"),
    page(`${language}/:year/${s("meetings")}/${s("meetingProfile")}`, "routes/meeting-profile.tsx", "meeting-profile"),
    page(`${language}/:year/${s("meetings")}/${s("meetingRequests")}`, "routes/meeting-requests.tsx", "meeting-requests"),
    page(`${language}/:year/${s("cafes")}`, "routes/cafes.tsx", "cafes"),
    page(`${language}/:year/${s("organisers")}`, "routes/organisers.tsx", "organisers"),
    page(`${language}/:year/${s("organisers")}/${s("figures")}`, "routes/back-office-figures.tsx", "back-office-figures"),
    page(`${language}/:year/${s("organisers")}/${s("partners")}`, "routes/back-office-partners.tsx", "back-office-partners"),
    page(`${language}/:year/${s("speakers")}`, "routes/speakers.tsx", "speakers"),
    page(`${language}/:year/${s("organisers")}/programme`, "routes/back-office-programme.tsx", "back-office-programme"),
    page(`${language}/:year/${s("organisers")}/programme/${s("newSession")}`, "routes/back-office-session.tsx", "back-office-session-new"),
    page(`${language}/:year/${s("organisers")}/programme/:sessionId`, "routes/back-office-session.tsx", "back-office-session"),
    page(`${language}/:year/${s("organisers")}/programme/${s("speakers")}`, "routes/back-office-speakers.tsx", "back-office-speakers"),
    page(`${language}/:year/${s("organisers")}/programme/${s("speakers")}/:speakerId`, "routes/back-office-speakers.tsx", "back-office-speaker"),
    page(`${language}/:year/${s("organisers")}/${s("practical")}`, "routes/back-office-practical.tsx", "back-office-practical"),
    page(`${language}/:year/${s("organisers")}/${s("registrationSettings")}`, "routes/back-office-registration-settings.tsx", "back-office-registration-settings"),
    page(`${language}/:year/${s("organisers")}/questions`, "routes/back-office-questions.tsx", "back-office-questions"),
    page(`${language}/:year/${s("organisers")}/${s("retention")}`, "routes/back-office-retention.tsx", "back-office-retention"),
    page(`${language}/${s("organisers")}`, "routes/back-office-home.tsx", "back-office-home"),
    page(`${language}/:year/${s("organisers")}/edition`, "routes/back-office-edition.tsx", "back-office-edition"),
    page(`${language}/:year/${s("organisers")}/${s("team")}`, "routes/back-office-team.tsx", "back-office-team"),
    page(`${language}/:year/${s("organisers")}/${s("auditLog")}`, "routes/back-office-audit.tsx", "back-office-audit"),
    page(`${language}/:year/${s("organisers")}/${s("registrations")}`, "routes/back-office-registrations.tsx", "back-office-registrations"),
    page(`${language}/${s("organisers")}/${s("security")}`, "routes/back-office-security.tsx", "back-office-security"),
    page(`${language}/${s("organisers")}/${s("verification")}`, "routes/back-office-verification.tsx", "back-office-verification"),
    page(`${language}/:year/${s("organisers")}/${s("figures")}/:snapshotId/:format`, "routes/back-office-figures-snapshot.ts", "back-office-figures-snapshot"),
    page(`${language}/:year/${s("organisers")}/${s("registrations")}/${s("newRegistration")}`, "routes/back-office-registration-new.tsx", "back-office-registration-new"),
    page(`${language}/:year/${s("organisers")}/${s("registrations")}/:registrationId`, "routes/back-office-registration.tsx", "back-office-registration"),
    page(`${language}/:year/${s("organisers")}/${s("exports")}`, "routes/back-office-exports.tsx", "back-office-exports"),
    page(`${language}/:year/${s("organisers")}/${s("exports")}/${s("exportRegistrations")}`, "routes/back-office-export-registrations.ts", "back-office-export-registrations"),
    page(`${language}/:year/${s("organisers")}/${s("exports")}/${s("exportWorkshops")}/:sessionId`, "routes/back-office-export-workshop.ts", "back-office-export-workshop"),
    page(`${language}/:year/${s("organisers")}/messages`, "routes/back-office-messages.tsx", "back-office-messages"),
    page(`${language}/:year/${s("organisers")}/${s("meetings")}`, "routes/back-office-meetings.tsx", "back-office-meetings"),
    page(`${language}/:year/${s("organisers")}/${s("meetingBoard")}`, "routes/back-office-meeting-board.tsx", "back-office-meeting-board"),
    page(`${language}/:year/${s("organisers")}/${s("cafes")}`, "routes/back-office-cafes.tsx", "back-office-cafes"),
    page(`${language}/:year/${s("organisers")}/messages/${s("composeMessage")}`, "routes/back-office-message-compose.tsx", "back-office-message-new"),
    page(`${language}/:year/${s("organisers")}/messages/:messageId/${s("editMessage")}`, "routes/back-office-message-compose.tsx", "back-office-message-edit"),
    page(`${language}/:year/${s("organisers")}/messages/:messageId`, "routes/back-office-message.tsx", "back-office-message"),
  ];
});

export default [
  index("routes/language-choice.ts"),
  route("sitemap.xml", "routes/sitemap.ts"),
  route("robots.txt", "routes/robots.ts"),
  // Outbox reader while no SMTP server is configured (404 otherwise).
  route("dev/mailbox", "routes/dev-mailbox.tsx"),
  route("dev/mailbox/:id", "routes/dev-mailbox-message.tsx"),
  route("dev/mailbox/:id/html", "routes/dev-mailbox-html.ts"),
  // SimpleWebAuthn's browser bundle, for the passkey forms of the back office (public/passkey.js).
  route("scripts/webauthn-browser.js", "routes/webauthn-browser-script.ts"),
  ...localisedRoutes,
  // Images uploaded in the back office, at an address carrying their hash (no language).
  route("media/:file", "routes/media.ts"),
  // Personal agenda feeds: the secret token is the only key, so no language prefix.
  route("calendar/:token/agenda.ics", "routes/calendar-feed.ts"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
