import type { Kysely, Transaction } from "kysely";
import type { DB } from "~/db/schema";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { missingAt, type MissingTranslation } from "./translations";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Every text of the edition missing in one language: its own fields, its sessions' titles and
 * descriptions, its questions (labels, help, options), supporters, practical sections, contacts
 * and links.
 */
export async function missingTranslations(db: Db, access: BackOfficeAccess): Promise<MissingTranslation[]> {
  requirePermission(access, "content");
  const editionId = access.editionId;
  const [edition, sessions, questions, supporters, sections, contacts, links] = await Promise.all([
    db.selectFrom("edition").where("id", "=", editionId).select(["title", "theme", "summary", "honour_text"]).executeTakeFirstOrThrow(),
    db.selectFrom("session").where("edition_id", "=", editionId).select(["id", "title", "description"]).orderBy("starts_at").orderBy("position").execute(),
    db.selectFrom("registration_question").where("edition_id", "=", editionId).select(["id", "label", "help", "options"]).orderBy("position").execute(),
    db.selectFrom("supporter").where("edition_id", "=", editionId).select(["id", "name", "acronym", "note"]).orderBy("position").execute(),
    db.selectFrom("practical_section").where("edition_id", "=", editionId).select(["id", "title", "body"]).orderBy("position").orderBy("id").execute(),
    db.selectFrom("edition_contact").where("edition_id", "=", editionId).select(["id", "role"]).orderBy("position").execute(),
    db.selectFrom("edition_link").where("edition_id", "=", editionId).select(["id", "label"]).orderBy("position").execute(),
  ]);
  return [
    ...missingAt({ form: "edition", field: "title" }, edition.title),
    ...missingAt({ form: "edition", field: "theme" }, edition.theme),
    ...missingAt({ form: "edition", field: "summary" }, edition.summary),
    ...missingAt({ form: "edition", field: "honour_text" }, edition.honour_text),
    ...sessions.flatMap((row) => [
      ...missingAt({ form: "session", id: row.id, field: "title" }, row.title),
      ...missingAt({ form: "session", id: row.id, field: "description" }, row.description),
    ]),
    ...questions.flatMap((row) => [
      ...missingAt({ form: "question", id: row.id, field: "label" }, row.label),
      ...missingAt({ form: "question", id: row.id, field: "help" }, row.help),
      ...row.options.flatMap((option) => missingAt({ form: "question", id: row.id, field: "option" }, option.label)),
    ]),
    ...supporters.flatMap((row) => [
      ...missingAt({ form: "supporter", id: row.id, field: "name" }, row.name),
      ...missingAt({ form: "supporter", id: row.id, field: "acronym" }, row.acronym),
      ...missingAt({ form: "supporter", id: row.id, field: "note" }, row.note),
    ]),
    ...sections.flatMap((row) => [
      ...missingAt({ form: "practical", id: row.id, field: "title" }, row.title),
      ...missingAt({ form: "practical", id: row.id, field: "body" }, row.body),
    ]),
    ...contacts.flatMap((row) => missingAt({ form: "contact", id: row.id, field: "role" }, row.role)),
    ...links.flatMap((row) => missingAt({ form: "link", id: row.id, field: "label" }, row.label)),
  ];
}

/** How many texts of the edition miss a language. */
export async function countMissingTranslations(db: Db, access: BackOfficeAccess): Promise<number> {
  return (await missingTranslations(db, access)).length;
}
