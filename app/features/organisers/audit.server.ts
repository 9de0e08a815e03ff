import type { Kysely, Transaction } from "kysely";
import type { DB } from "~/db/schema";
import type { BackOfficeAccess } from "./organisers.server";

/** Who made a change: a back-office proof, or the command line run on the server. */
export type Actor = BackOfficeAccess | { readonly commandLine: true };

/** A change no person made: a scheduled job (the retention of personal data). */
export type SystemActor = { readonly system: true };

export interface AuditEntry {
  /** `<feature>.<verb>`, e.g. `team.grant`, `registration.approve`. */
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  /** Values before and after the change (leave health answers out: the log is kept for good). */
  before?: unknown;
  after?: unknown;
  /** For the command line, which has no edition of its own; a proof's edition otherwise. */
  editionId?: number | null;
}

/**
 * Records a back-office change, in the transaction that makes it: the change and its trace are
 * committed together or not at all.
 */
export async function recordAudit(db: Kysely<DB> | Transaction<DB>, actor: Actor | SystemActor, entry: AuditEntry, at: Date): Promise<void> {
  const person = "personId" in actor ? actor : null;
  await db
    .insertInto("audit_log")
    .values({
      at,
      actor_person_id: person?.personId ?? null,
      actor_email: person?.email ?? null,
      edition_id: entry.editionId !== undefined ? entry.editionId : (person?.editionId ?? null),
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId == null ? null : String(entry.subjectId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}
