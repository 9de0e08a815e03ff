import type { Kysely, Transaction } from "kysely";
import { consentKinds, type DB, type Localised, type QuestionOption } from "~/db/schema";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { AppError } from "~/lib/errors";
import { onceOnly } from "~/lib/once.server";
import type { ConsentTexts, QuestionInput } from "./fields";
import { moveInList } from "./practical.server";

// The edition's own questions as organisers keep them. An answer keeps the label and options of
// the question as it was answered (copied by the database, see migration 0013): a question changed
// or removed later does not change what people answered. A removed question leaves the form and
// keeps its answers (docs/decisions/0024-edition-settings-and-retention.md).

/** The questions on the edition's form, in order, with how many answers each holds. */
export async function editionQuestions(db: Kysely<DB>, access: BackOfficeAccess) {
  requirePermission(access, "content");
  return db
    .selectFrom("registration_question as question")
    .where("question.edition_id", "=", access.editionId)
    .where("question.removed_at", "is", null)
    .select((eb) => [
      "question.id",
      "question.kind",
      "question.label",
      "question.help",
      "question.options",
      "question.required",
      "question.health_data",
      eb
        .selectFrom("registration_answer")
        .whereRef("registration_answer.question_id", "=", "question.id")
        .select((inner) => inner.fn.countAll<string>().as("count"))
        .as("answers"),
    ])
    .orderBy("question.position")
    .orderBy("question.id")
    .execute()
    .then((rows) => rows.map((row) => ({ ...row, answers: Number(row.answers ?? 0) })));
}

export type EditionQuestion = Awaited<ReturnType<typeof editionQuestions>>[number];

/**
 * The options of a question: each keeps the value it had at its place in the list, so that an
 * option renamed is the same option; added ones get a value not used before.
 */
function optionsWithValues(labels: Localised[], previous: QuestionOption[]): QuestionOption[] {
  const used = new Set(previous.map((option) => option.value));
  let next = previous.length + 1;
  return labels.map((label, index) => {
    const kept = previous[index]?.value;
    if (kept) return { value: kept, label };
    while (used.has(`option_${next}`)) next++;
    const value = `option_${next}`;
    used.add(value);
    return { value, label };
  });
}

function row(input: QuestionInput, options: QuestionOption[]) {
  return {
    kind: input.kind,
    label: JSON.stringify(input.label),
    help: input.help ? JSON.stringify(input.help) : null,
    options: JSON.stringify(options),
    required: input.required,
    health_data: input.healthData,
  };
}

const audited = (input: QuestionInput, options: QuestionOption[]) => ({
  kind: input.kind,
  label: input.label,
  help: input.help,
  options,
  required: input.required,
  health_data: input.healthData,
});

async function questionOf(tx: Transaction<DB>, access: BackOfficeAccess, id: number) {
  const question = await tx
    .selectFrom("registration_question")
    .where("id", "=", id)
    .where("edition_id", "=", access.editionId)
    .where("removed_at", "is", null)
    .select(["id", "kind", "label", "help", "options", "required", "health_data"])
    .forUpdate()
    .executeTakeFirst();
  if (!question) throw new AppError("question_not_found", `no question ${id} in edition ${access.editionId}`);
  return question;
}

/** Adds a question at the end of the form, once per submitted form. */
export async function addQuestion(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { input: QuestionInput; submissionKey: string; now: Date },
): Promise<{ id: number }> {
  requirePermission(access, "content");
  const { result } = await db.transaction().execute((tx) =>
    onceOnly(tx, { key: request.submissionKey, personId: access.personId, now: request.now }, async () => {
      const last = await tx
        .selectFrom("registration_question")
        .where("edition_id", "=", access.editionId)
        .select((eb) => eb.fn.max("position").as("position"))
        .executeTakeFirst();
      const options = optionsWithValues(request.input.options, []);
      const { id } = await tx
        .insertInto("registration_question")
        .values({ ...row(request.input, options), edition_id: access.editionId, position: (last?.position ?? -1) + 1 })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(tx, access, { action: "question.add", subjectType: "registration_question", subjectId: id, after: audited(request.input, options) }, request.now);
      return { id };
    }),
  );
  return result;
}

/**
 * Changes a question. Answers already given keep the question as they answered it; a question
 * answered keeps its kind (a text answer is no choice among options).
 */
export async function updateQuestion(db: Kysely<DB>, access: BackOfficeAccess, request: { id: number; input: QuestionInput; now: Date }): Promise<void> {
  requirePermission(access, "content");
  await db.transaction().execute(async (tx) => {
    const before = await questionOf(tx, access, request.id);
    if (before.kind !== request.input.kind) {
      const answered = await tx.selectFrom("registration_answer").where("question_id", "=", before.id).select("registration_id").limit(1).executeTakeFirst();
      if (answered) throw new AppError("question_kind_answered", `question ${before.id} has answers`);
    }
    const options = optionsWithValues(request.input.options, before.options);
    await tx.updateTable("registration_question").set(row(request.input, options)).where("id", "=", before.id).execute();
    const { id: _id, ...previous } = before;
    await recordAudit(
      tx,
      access,
      { action: "question.edit", subjectType: "registration_question", subjectId: before.id, before: previous, after: audited(request.input, options) },
      request.now,
    );
  });
}

/** Takes a question off the form; the answers already given to it stay, with their label. */
export async function removeQuestion(db: Kysely<DB>, access: BackOfficeAccess, request: { id: number; now: Date }): Promise<void> {
  requirePermission(access, "content");
  await db.transaction().execute(async (tx) => {
    const before = await questionOf(tx, access, request.id);
    await tx.updateTable("registration_question").set({ removed_at: request.now }).where("id", "=", before.id).execute();
    await recordAudit(
      tx,
      access,
      { action: "question.remove", subjectType: "registration_question", subjectId: before.id, before: { label: before.label, kind: before.kind } },
      request.now,
    );
  });
}

export async function moveQuestion(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { id: number; direction: "up" | "down"; now: Date },
): Promise<void> {
  requirePermission(access, "content");
  await db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom("registration_question")
      .where("edition_id", "=", access.editionId)
      .where("removed_at", "is", null)
      .select("id")
      .orderBy("position")
      .orderBy("id")
      .forUpdate()
      .execute();
    const ids = rows.map((question) => question.id);
    if (!ids.includes(request.id)) throw new AppError("question_not_found", `no question ${request.id} in edition ${access.editionId}`);
    const { from, to } = await moveInList(tx, "registration_question", ids, request.id, request.direction);
    await recordAudit(
      tx,
      access,
      { action: "question.move", subjectType: "registration_question", subjectId: request.id, before: { position: from }, after: { position: to } },
      request.now,
    );
  });
}

/** The consent texts of the proof's edition, in both languages. */
export async function editionConsentTexts(db: Kysely<DB>, access: BackOfficeAccess): Promise<ConsentTexts> {
  requirePermission(access, "content");
  const edition = await db.selectFrom("edition").where("id", "=", access.editionId).select("consent_texts").executeTakeFirstOrThrow();
  return edition.consent_texts;
}

/** Changes the consent texts the form shows from now on; consents already given keep the text shown then. */
export async function updateConsentTexts(db: Kysely<DB>, access: BackOfficeAccess, request: { texts: ConsentTexts; now: Date }): Promise<void> {
  requirePermission(access, "content");
  const texts = Object.fromEntries(consentKinds.map((kind) => [kind, request.texts[kind]])) as ConsentTexts;
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom("edition").where("id", "=", access.editionId).select("consent_texts").forUpdate().executeTakeFirstOrThrow();
    await tx.updateTable("edition").set({ consent_texts: JSON.stringify(texts), updated_at: request.now }).where("id", "=", access.editionId).execute();
    await recordAudit(tx, access, { action: "edition.consent_texts", subjectType: "edition", subjectId: access.editionId, before: before.consent_texts, after: texts }, request.now);
  });
}
