import { randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { z } from "zod";
import type { DB } from "~/db/schema";
import { AppError } from "./errors";
import { submissionField } from "./once-field";

// A form that creates something (an edition, a session, an invitation…) carries a submission key
// drawn by its loader. The action runs its change through `onceOnly` in the change's transaction:
// the first submission makes the change and records the key; a second one with the same key
// (double click, back button, retry) waits for the first to commit, then answers what it
// answered, and changes nothing.

/** A new key for a form about to be shown. */
export function newSubmissionKey(): string {
  return randomBytes(16).toString("base64url");
}

const keySchema = z.string().regex(/^[\w-]{22}$/);

/** The key a submitted form carries; a form without a well-formed one is refused. */
export function submissionKey(form: FormData): string {
  const parsed = keySchema.safeParse(form.get(submissionField));
  if (!parsed.success) throw new AppError("unknown_intent", "no submission key");
  return parsed.data;
}

/**
 * Runs `change` once per key and person, inside `tx`; returns its result, or the result of the
 * first run when this key was already used (`repeated`). Call it inside the transaction that makes
 * the change: a change that fails does not spend the key.
 */
export async function onceOnly<T extends object | null>(
  tx: Transaction<DB> | Kysely<DB>,
  submission: { key: string; personId: number; now: Date },
  change: () => Promise<T>,
): Promise<{ result: T; repeated: boolean }> {
  const claimed = await tx
    .insertInto("form_submission")
    .values({ key: submission.key, person_id: submission.personId, created_at: submission.now })
    .onConflict((oc) => oc.column("key").doNothing())
    .returning("key")
    .executeTakeFirst();
  if (!claimed) {
    const first = await tx.selectFrom("form_submission").select(["person_id", "result"]).where("key", "=", submission.key).executeTakeFirst();
    // Someone else's key is no key at all: never answer what their submission created.
    if (!first || first.person_id !== submission.personId) throw new AppError("unknown_intent", "submission key of another person");
    return { result: first.result as T, repeated: true };
  }
  const result = await change();
  await tx.updateTable("form_submission").set({ result: JSON.stringify(result) }).where("key", "=", submission.key).execute();
  return { result, repeated: false };
}
