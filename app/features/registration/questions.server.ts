import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";

/** The edition's own questions, in the order of the form. */
export function listQuestions(db: Kysely<DB>, editionId: number) {
  return db
    .selectFrom("registration_question")
    .where("edition_id", "=", editionId)
    .select(["id", "kind", "label", "help", "options", "required", "health_data"])
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export type RegistrationQuestion = Awaited<ReturnType<typeof listQuestions>>[number];
