import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";

/** The edition's own questions on its form (not those removed), in the order of the form. */
export function listQuestions(db: Kysely<DB>, editionId: number) {
  return db
    .selectFrom("registration_question")
    .where("edition_id", "=", editionId)
    .where("removed_at", "is", null)
    .select(["id", "kind", "label", "help", "options", "required", "health_data"])
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export type RegistrationQuestion = Awaited<ReturnType<typeof listQuestions>>[number];
