import type { ConsentKind, Localised, QuestionKind, QuestionOption, RegistrationStatus } from "~/db/schema";
import type { Language } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { localisedString } from "~/lib/localised";

/** What a registration's confirmation shows its person, on screen and by e-mail. */
export interface Confirmation {
  reference: string;
  status: RegistrationStatus;
  answers: ConfirmedAnswer[];
  /** The latest decision on each consent, with the text the person was shown. */
  consents: { kind: ConsentKind; granted: boolean; text: string; recordedAt: Date }[];
  /** Sessions held or waited for. */
  workshops: { id: number; title: Localised; starts_at: Date; ends_at: Date; status: "confirmed" | "waitlisted" }[];
  /** The delegation joined, with its lead; null when registered alone. */
  delegation: { organisation: string; lead: string } | null;
}

export interface ConfirmedAnswer {
  label: Localised;
  kind: QuestionKind;
  options: QuestionOption[];
  value: unknown;
}

/** An answer as words: the labels of the options chosen, "Yes" or "No", or the text typed. */
export function answerText(answer: ConfirmedAnswer, language: Language): string {
  const label = (value: unknown) => answer.options.find((option) => option.value === value)?.label;
  const words = (value: unknown) => {
    const option = label(value);
    return option ? localisedString(option, language) : String(value);
  };
  if (answer.kind === "yes_no") return translate(language, answer.value === "yes" ? "registration.form.yes" : "registration.form.no");
  if (Array.isArray(answer.value)) return answer.value.map(words).join(", ");
  return answer.kind === "choice" ? words(answer.value) : String(answer.value);
}
