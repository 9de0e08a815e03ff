import type { Kysely, Transaction } from "kysely";
import type { DB } from "~/db/schema";
import { requirePermission, type BackOfficeAccess } from "./organisers.server";
import { likeLiteral } from "~/features/segments/folding";

/**
 * Who made a change: a back-office proof, the command line run on the server, a person changing
 * their own account's security (second factors), which belongs to no edition, or a scheduled job
 * (the retention of personal data) that no person runs.
 */
export type Actor =
  | BackOfficeAccess
  | { readonly commandLine: true }
  | { readonly account: { readonly personId: number; readonly email: string } }
  | { readonly system: true };

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
export async function recordAudit(db: Kysely<DB> | Transaction<DB>, actor: Actor, entry: AuditEntry, at: Date): Promise<void> {
  const person = "personId" in actor ? actor : "account" in actor ? { ...actor.account, editionId: null } : null;
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

// --- Reading the log --------------------------------------------------------------------------

export interface AuditFilters {
  /** The actor's e-mail address, or part of it. */
  person?: string;
  /** One action, e.g. `team.grant`. */
  action?: string;
  /** Entries at or after this instant. */
  from?: Date;
  /** Entries before this instant. */
  to?: Date;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorEmail: string | null;
  /** The year of the entry's edition; null for an action on every edition. */
  year: number | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  before: unknown;
  after: unknown;
}

export const auditPageSize = 50;


/**
 * The entries of the proof's edition and those of actions on every edition (edition_id null),
 * newest first, `auditPageSize` a page (page 1 first); `more` says whether an older page exists.
 * Needs the `team` permission.
 */
export async function auditEntries(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  filters: AuditFilters,
  page: number,
): Promise<{ entries: AuditRow[]; more: boolean; actions: string[] }> {
  requirePermission(access, "team");
  const ofEdition = db
    .selectFrom("audit_log")
    .where((eb) => eb.or([eb("audit_log.edition_id", "=", access.editionId), eb("audit_log.edition_id", "is", null)]));
  let query = ofEdition.leftJoin("edition", "edition.id", "audit_log.edition_id");
  if (filters.person) query = query.where("audit_log.actor_email", "ilike", `%${likeLiteral(filters.person.trim())}%`);
  if (filters.action) query = query.where("audit_log.action", "=", filters.action);
  if (filters.from) query = query.where("audit_log.at", ">=", filters.from);
  if (filters.to) query = query.where("audit_log.at", "<", filters.to);
  const [rows, actions] = await Promise.all([
    query
      .select([
        "audit_log.id",
        "audit_log.at",
        "audit_log.actor_email",
        "edition.year",
        "audit_log.action",
        "audit_log.subject_type",
        "audit_log.subject_id",
        "audit_log.before",
        "audit_log.after",
      ])
      .orderBy("audit_log.at", "desc")
      .orderBy("audit_log.id", "desc")
      .limit(auditPageSize + 1)
      .offset((page - 1) * auditPageSize)
      .execute(),
    ofEdition.select("action").distinct().orderBy("action").execute(),
  ]);
  return {
    entries: rows.slice(0, auditPageSize).map((row) => ({
      id: row.id,
      at: row.at,
      actorEmail: row.actor_email,
      year: row.year,
      action: row.action,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      before: row.before,
      after: row.after,
    })),
    more: rows.length > auditPageSize,
    actions: actions.map((row) => row.action),
  };
}
