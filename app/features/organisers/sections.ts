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
  { key: "team", segment: { fr: "equipe", en: "team" }, permission: "team", label: "backOffice.section.team" },
  { key: "audit", segment: { fr: "journal", en: "audit-log" }, permission: "team", label: "backOffice.section.audit" },
] as const satisfies readonly { key: string; segment: Record<Language, string>; permission: Permission; label: MessageKey }[];

export type BackOfficeSection = (typeof backOfficeSections)[number]["key"];
