import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { consentKinds, type ConsentKind, type DB } from "~/db/schema";
import type { Confirmation } from "./confirmation";

/** Characters that cannot be misread for one another: no 0, O, 1 or I. */
export const referenceAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/**
 * A new registration reference, such as R26-4K7Q: the edition's year and four random characters.
 * Unique per edition (constraint `registration_reference`); a clash, about one in a thousand
 * for an edition of a thousand people, is drawn again (see insertRegistration).
 */
export function newReference(year: number): string {
  // 32 divides 256: each byte gives one character, every character as likely.
  const characters = [...randomBytes(4)].map((byte) => referenceAlphabet[byte % 32]).join("");
  return `R${String(year % 100).padStart(2, "0")}-${characters}`;
}

/**
 * The confirmation of each registration in `registrationIds`, by id: answers, consents,
 * workshops and delegation. Callers pass only registrations of the person asking (their own):
 * a delegation lead never reads a colleague's answers or consents through this.
 */
export async function confirmationsOf(db: Kysely<DB>, registrationIds: number[]): Promise<Map<number, Confirmation>> {
  if (registrationIds.length === 0) return new Map();
  const [registrations, answers, consents, workshops] = await Promise.all([
    db
      .selectFrom("registration")
      .leftJoin("delegation", "delegation.id", "registration.delegation_id")
      .leftJoin("registration as lead", (join) =>
        join.onRef("lead.person_id", "=", "delegation.lead_person_id").onRef("lead.edition_id", "=", "registration.edition_id").on("lead.status", "<>", "cancelled"),
      )
      .where("registration.id", "in", registrationIds)
      .select(["registration.id", "registration.reference", "registration.status", "delegation.organisation_name", "lead.given_name", "lead.family_name"])
      .execute(),
    db
      .selectFrom("registration_answer")
      .innerJoin("registration_question", "registration_question.id", "registration_answer.question_id")
      .where("registration_answer.registration_id", "in", registrationIds)
      // The question as it was answered: a label or options changed since do not change the answer.
      .select([
        "registration_answer.registration_id",
        "registration_answer.question_label as label",
        "registration_question.kind",
        "registration_answer.question_options as options",
        "registration_answer.value",
      ])
      .orderBy("registration_question.position")
      .orderBy("registration_question.id")
      .execute(),
    db
      .selectFrom("consent")
      .where("registration_id", "in", registrationIds)
      // Those given at registration; the meeting profile's is the participant space's business.
      .where("kind", "in", consentKinds)
      .select(["registration_id", "kind", "granted", "text_shown", "recorded_at"])
      .$narrowType<{ kind: ConsentKind }>()
      .orderBy("recorded_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("session_signup")
      .innerJoin("session", "session.id", "session_signup.session_id")
      .where("session_signup.registration_id", "in", registrationIds)
      .where("session_signup.status", "in", ["confirmed", "waitlisted"])
      .select(["session_signup.registration_id", "session.id", "session.title", "session.starts_at", "session.ends_at", "session_signup.status"])
      .orderBy("session.starts_at")
      .execute(),
  ]);
  return new Map(
    registrations.map((registration) => {
      // The last record of each kind is the decision in force; earlier ones stay as proof only.
      const latest = new Map(consents.filter((c) => c.registration_id === registration.id).map((c) => [c.kind, c]));
      const confirmation: Confirmation = {
        reference: registration.reference,
        status: registration.status,
        answers: answers
          .filter((answer) => answer.registration_id === registration.id && answer.value !== "" && !(Array.isArray(answer.value) && answer.value.length === 0))
          .map(({ label, kind, options, value }) => ({ label, kind, options, value })),
        consents: [...latest.values()].map((c) => ({ kind: c.kind, granted: c.granted, text: c.text_shown, recordedAt: c.recorded_at })),
        workshops: workshops
          .filter((workshop) => workshop.registration_id === registration.id)
          .map(({ id, title, starts_at, ends_at, status }) => ({ id, title, starts_at, ends_at, status: status === "confirmed" ? "confirmed" : "waitlisted" })),
        delegation:
          registration.organisation_name === null
            ? null
            : { organisation: registration.organisation_name, lead: [registration.given_name, registration.family_name].filter(Boolean).join(" ") },
      };
      return [registration.id, confirmation];
    }),
  );
}
