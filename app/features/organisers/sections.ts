import type { Language } from "~/i18n/languages";
import type { MessageKey } from "~/i18n/translate";
import type { Permission } from "./roles";

/**
 * The sections of an edition's back office, in the order of its menu. A section is shown to whoever
 * holds its permission on the edition; its page asks for the same permission. `segment` is the
 * path after `/<language>/<year>/organisation` (empty for the edition's first page).
 */
export const backOfficeSections = [
  { key: "dashboard", segment: { fr: "", en: "" }, permission: "registrations", label: "backOffice.section.dashboard" },
  { key: "registrations", segment: { fr: "inscriptions", en: "registrations" }, permission: "registrations", label: "desk.section" },
  { key: "messages", segment: { fr: "messages", en: "messages" }, permission: "registrations", label: "messages.section" },
  { key: "meetings", segment: { fr: "rendez-vous", en: "meetings" }, permission: "meetings", label: "meetings.section" },
  { key: "meeting-board", segment: { fr: "planning-b2b", en: "meeting-board" }, permission: "meetings", label: "meetings.board.section" },
  { key: "cafes", segment: { fr: "cafes", en: "cafes" }, permission: "meetings", label: "cafes.section" },
  { key: "edition", segment: { fr: "edition", en: "edition" }, permission: "content", label: "backOffice.section.edition" },
  { key: "programme", segment: { fr: "programme", en: "programme" }, permission: "content", label: "programme.editor.section" },
  { key: "practical", segment: { fr: "infos-pratiques", en: "practical-information" }, permission: "content", label: "settings.section.practical" },
  { key: "partners", segment: { fr: "partenaires", en: "partners" }, permission: "content", label: "partners.section" },
  {
    key: "registration-settings",
    segment: { fr: "reglages-inscription", en: "registration-settings" },
    permission: "content",
    label: "settings.section.registration",
  },
  { key: "questions", segment: { fr: "questions", en: "questions" }, permission: "content", label: "settings.section.questions" },
  { key: "figures", segment: { fr: "chiffres", en: "figures" }, permission: "figures", label: "backOffice.section.figures" },
  { key: "retention", segment: { fr: "conservation", en: "retention" }, permission: "team", label: "settings.section.retention" },
  { key: "team", segment: { fr: "equipe", en: "team" }, permission: "team", label: "backOffice.section.team" },
  { key: "audit", segment: { fr: "journal", en: "audit-log" }, permission: "team", label: "backOffice.section.audit" },
  { key: "exports", segment: { fr: "exports", en: "exports" }, permission: "registrations", label: "exports.section" },
] as const satisfies readonly { key: string; segment: Record<Language, string>; permission: Permission; label: MessageKey }[];

export type BackOfficeSection = (typeof backOfficeSections)[number]["key"];
