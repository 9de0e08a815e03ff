import { backOfficeSections, type BackOfficeSection } from "../features/organisers/sections";
import { languages, type Language } from "../i18n/languages";

/** Path segments that differ between the French and English sites. */
export const segments = {
  sessions: { fr: "seances", en: "sessions" },
  practical: { fr: "infos-pratiques", en: "practical-information" },
  partners: { fr: "partenaires", en: "partners" },
  archive: { fr: "archives", en: "archive" },
  accessibility: { fr: "accessibilite", en: "accessibility" },
  legal: { fr: "mentions-legales", en: "legal-notice" },
  privacy: { fr: "donnees-personnelles", en: "privacy" },
  signIn: { fr: "connexion", en: "sign-in" },
  signInLink: { fr: "lien", en: "link" },
  signOut: { fr: "deconnexion", en: "sign-out" },
  register: { fr: "inscription", en: "register" },
  colleague: { fr: "collegue", en: "colleague" },
  invitation: { fr: "invitation", en: "invitation" },
  space: { fr: "espace", en: "my-space" },
  organisers: { fr: "organisation", en: "organisers" },
  figures: { fr: "chiffres", en: "figures" },
  speakers: { fr: "intervenants", en: "speakers" },
  newSession: { fr: "nouvelle-seance", en: "new-session" },
  registrationSettings: { fr: "reglages-inscription", en: "registration-settings" },
  retention: { fr: "conservation", en: "retention" },
  security: { fr: "securite", en: "security" },
  verification: { fr: "verification", en: "verification" },
  // Back-office sections (see backOfficeSections), for the language switch.
  team: { fr: "equipe", en: "team" },
  auditLog: { fr: "journal", en: "audit-log" },
  registrations: { fr: "inscriptions", en: "registrations" },
  newRegistration: { fr: "nouvelle", en: "new" },
  exports: { fr: "exports", en: "exports" },
  exportRegistrations: { fr: "inscriptions", en: "registrations" },
  exportWorkshops: { fr: "ateliers", en: "workshops" },
  composeMessage: { fr: "redaction", en: "compose" },
  meetings: { fr: "rendez-vous", en: "meetings" },
  meetingProfile: { fr: "mon-profil", en: "my-profile" },
  meetingRequests: { fr: "demandes", en: "requests" },
  meetingBoard: { fr: "planning-b2b", en: "meeting-board" },
  editMessage: { fr: "modifier", en: "edit" },
  cafes: { fr: "cafes", en: "cafes" },
} as const satisfies Record<string, Record<Language, string>>;

type Segment = keyof typeof segments;
const seg = (language: Language, name: Segment) => segments[name][language];

/** A section of an edition's back office (see backOfficeSections). */
function backOffice(language: Language, year: number, section: BackOfficeSection): string {
  const segment = backOfficeSections.find((candidate) => candidate.key === section)?.segment[language] ?? "";
  return `/${language}/${year}/${seg(language, "organisers")}` + (segment ? `/${segment}` : "");
}

export const paths = {
  home: (language: Language) => `/${language}`,
  edition: (language: Language, year: number) => `/${language}/${year}`,
  programme: (language: Language, year: number, day?: string) =>
    day ? `/${language}/${year}/programme/${day}` : `/${language}/${year}/programme`,
  programmeCalendar: (language: Language, year: number) => `/${language}/${year}/programme.ics`,
  session: (language: Language, year: number, id: number) => `/${language}/${year}/${seg(language, "sessions")}/${id}`,
  sessionCalendar: (language: Language, year: number, id: number) =>
    `/${language}/${year}/${seg(language, "sessions")}/${id}/calendar.ics`,
  practical: (language: Language, year: number) => `/${language}/${year}/${seg(language, "practical")}`,
  partners: (language: Language, year: number) => `/${language}/${year}/${seg(language, "partners")}`,
  archive: (language: Language) => `/${language}/${seg(language, "archive")}`,
  accessibility: (language: Language) => `/${language}/${seg(language, "accessibility")}`,
  legal: (language: Language) => `/${language}/${seg(language, "legal")}`,
  privacy: (language: Language) => `/${language}/${seg(language, "privacy")}`,
  register: (language: Language, year: number) => `/${language}/${year}/${seg(language, "register")}`,
  /** A delegation lead invites a colleague, and sees their invitations awaiting an answer. */
  inviteColleague: (language: Language, year: number) => `/${language}/${year}/${seg(language, "register")}/${seg(language, "colleague")}`,
  /** Where an invitation's e-mailed link leads, with `?token=…`. */
  invitation: (language: Language, year: number) => `/${language}/${year}/${seg(language, "invitation")}`,
  space: (language: Language) => `/${language}/${seg(language, "space")}`,
  /** The directory of the edition's published meeting profiles, for its participants. */
  meetingDirectory: (language: Language, year: number) => `/${language}/${year}/${seg(language, "meetings")}`,
  /** A participant's meeting requests, made and received. */
  meetingRequests: (language: Language, year: number) => `/${language}/${year}/${seg(language, "meetings")}/${seg(language, "meetingRequests")}`,
  /** A participant's own meeting profile. */
  meetingProfile: (language: Language, year: number) => `/${language}/${year}/${seg(language, "meetings")}/${seg(language, "meetingProfile")}`,
  /** The cafés of an edition round by round: seats to book, wishes, and the guests of a table one hosts. */
  cafes: (language: Language, year: number) => `/${language}/${year}/${seg(language, "cafes")}`,
  /** The back office's first page: the editions the person works on. */
  backOfficeHome: (language: Language) => `/${language}/${seg(language, "organisers")}`,
  organisers: (language: Language, year: number) => `/${language}/${year}/${seg(language, "organisers")}`,
  /** A section of an edition's back office (see backOfficeSections). */
  backOffice,
  /** The speakers and moderators of an edition's programme, each with their sessions. */
  speakers: (language: Language, year: number) => `/${language}/${year}/${seg(language, "speakers")}`,
  /** A session's form in the programme editor, or the form of a new session. */
  programmeSession: (language: Language, year: number, id: number | "new") =>
    `${backOffice(language, year, "programme")}/${id === "new" ? seg(language, "newSession") : id}`,
  /** The speakers of the programme editor, or one speaker's form. */
  programmeSpeakers: (language: Language, year: number, id?: number) =>
    `${backOffice(language, year, "programme")}/${seg(language, "speakers")}` + (id === undefined ? "" : `/${id}`),
  /** A back-office person's second factors: enrol, list, remove; recovery codes. Not per edition. */
  security: (language: Language, returnTo?: string) =>
    `/${language}/${seg(language, "organisers")}/${seg(language, "security")}` + (returnTo ? `?${new URLSearchParams({ return_to: returnTo })}` : ""),
  /** Where a back-office session passes its second factor, then goes back to `returnTo`. */
  verification: (language: Language, returnTo?: string) =>
    `/${language}/${seg(language, "organisers")}/${seg(language, "verification")}` + (returnTo ? `?${new URLSearchParams({ return_to: returnTo })}` : ""),
  /** Everything the database holds about the signed-in person, as a JSON download. */
  personalData: (language: Language) => `/${language}/${seg(language, "space")}/data.json`,
  /** A personal agenda to subscribe to; the token is its only key. */
  calendarFeed: (token: string) => `/calendar/${token}/agenda.ics`,
  /** The sign-in page; once signed in, it shows the account and its sign-out buttons. */
  signIn: (language: Language, returnTo?: string) =>
    `/${language}/${seg(language, "signIn")}` + (returnTo ? `?${new URLSearchParams({ return_to: returnTo })}` : ""),
  /** Where the e-mailed link leads, with `?token=…`. */
  signInLink: (language: Language) => `/${language}/${seg(language, "signIn")}/${seg(language, "signInLink")}`,
  signOut: (language: Language) => `/${language}/${seg(language, "signOut")}`,
  /** A frozen snapshot of an edition's figures: a PDF report in `language`, or a spreadsheet. */
  figuresSnapshot: (language: Language, year: number, id: number, format: "pdf" | "xlsx") => `${backOffice(language, year, "figures")}/${id}/${format}`,
  /** A person's page on the registrations desk: one registration of the edition. */
  backOfficeRegistration: (language: Language, year: number, id: number) =>
    `/${language}/${year}/${seg(language, "organisers")}/${seg(language, "registrations")}/${id}`,
  /** Where an organiser registers someone on their behalf. */
  backOfficeNewRegistration: (language: Language, year: number) =>
    `/${language}/${year}/${seg(language, "organisers")}/${seg(language, "registrations")}/${seg(language, "newRegistration")}`,
  /** The file of an edition's registrations matching the filter or segment in `query` (see parseExportRequest). */
  registrationsExport: (language: Language, year: number, query: URLSearchParams) =>
    `${backOffice(language, year, "exports")}/${seg(language, "exportRegistrations")}` + (query.size > 0 ? `?${query}` : ""),
  /** A message to participants or a reminder: its review before it leaves, then its delivery report. */
  backOfficeMessage: (language: Language, year: number, id: number) => `${backOffice(language, year, "messages")}/${id}`,
  /** The composer of a new message (`query`: a filter of the registrations table, or `kind=reminder`), or of an existing one's changes. */
  backOfficeMessageCompose: (language: Language, year: number, target: { id: number } | { query?: URLSearchParams }) =>
    "id" in target
      ? `${backOffice(language, year, "messages")}/${target.id}/${seg(language, "editMessage")}`
      : `${backOffice(language, year, "messages")}/${seg(language, "composeMessage")}` + (target.query && target.query.size > 0 ? `?${target.query}` : ""),
  /** The attendance list of a workshop, as a spreadsheet or a printable sheet. */
  workshopExport: (language: Language, year: number, sessionId: number, format: "xlsx" | "csv" | "pdf") =>
    `${backOffice(language, year, "exports")}/${seg(language, "exportWorkshops")}/${sessionId}?format=${format}`,
};

/** The same page in another language: the language prefix and every localised segment change. */
export function translatePath(pathname: string, target: Language): string {
  const parts = pathname.split("/");
  const source = parts[1];
  if (!languages.some((language) => language === source)) return paths.home(target);
  const translated = parts.slice(2).map((part) => {
    const match = Object.values(segments).find((names) => languages.some((language) => names[language] === part));
    return match ? match[target] : part;
  });
  return ["", target, ...translated].join("/");
}
