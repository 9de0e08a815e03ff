import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { instantAt, zonedTime } from "~/features/calendar/zoned-time";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { AppError } from "~/lib/errors";
import type { RegistrationSettingsInput } from "./fields";

const pad = (value: number) => String(value).padStart(2, "0");

/** An instant as a `datetime-local` value on the clock of `timeZone`. */
export function localInput(instant: Date, timeZone: string): string {
  const time = zonedTime(instant, timeZone);
  return `${time.year}-${pad(time.month)}-${pad(time.day)}T${pad(time.hour)}:${pad(time.minute)}`;
}

/** The registration rules of the proof's edition, and how many registrations are confirmed. */
export async function registrationSettings(db: Kysely<DB>, access: BackOfficeAccess) {
  requirePermission(access, "content");
  const row = await db
    .selectFrom("edition")
    .innerJoin("registration_counter", "registration_counter.edition_id", "edition.id")
    .where("edition.id", "=", access.editionId)
    .select([
      "edition.time_zone",
      "edition.registration_opens_at",
      "edition.registration_closes_at",
      "edition.registration_capacity",
      "edition.registration_requires_approval",
      "edition.categories_requiring_approval",
      "registration_counter.confirmed",
    ])
    .executeTakeFirstOrThrow();
  return {
    timeZone: row.time_zone,
    opensAt: row.registration_opens_at,
    closesAt: row.registration_closes_at,
    capacity: row.registration_capacity,
    requiresApproval: row.registration_requires_approval,
    categoriesRequiringApproval: row.categories_requiring_approval,
    confirmed: row.confirmed,
  };
}

/**
 * Changes the window, capacity and approvals of the proof's edition. The window's times are read
 * on the edition's clock and must close after they open; the capacity may not fall below the
 * registrations already confirmed (their places are given). The edition's counter is locked as a
 * registration locks it, so that no registration is confirmed between the check and the change.
 */
export async function updateRegistrationSettings(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { input: RegistrationSettingsInput; now: Date },
): Promise<void> {
  requirePermission(access, "content");
  const { input } = request;
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom("edition")
      .innerJoin("registration_counter", "registration_counter.edition_id", "edition.id")
      .where("edition.id", "=", access.editionId)
      .select([
        "edition.time_zone",
        "edition.registration_opens_at",
        "edition.registration_closes_at",
        "edition.registration_capacity",
        "edition.registration_requires_approval",
        "edition.categories_requiring_approval",
        "registration_counter.confirmed",
      ])
      .forUpdate()
      .executeTakeFirstOrThrow();
    let opensAt: Date;
    let closesAt: Date;
    try {
      opensAt = instantAt(input.opensAt, before.time_zone);
      closesAt = instantAt(input.closesAt, before.time_zone);
    } catch {
      // A day or an hour that does not exist (2026-02-30, 25:00).
      throw new AppError("invalid_registration_window", "not a date");
    }
    if (closesAt <= opensAt) throw new AppError("invalid_registration_window", "closes before it opens");
    if (input.capacity !== null && input.capacity < before.confirmed) {
      throw new AppError("capacity_below_confirmed", `${before.confirmed} confirmed, capacity ${input.capacity}`);
    }
    const after = {
      registration_opens_at: opensAt,
      registration_closes_at: closesAt,
      registration_capacity: input.capacity,
      registration_requires_approval: input.requiresApproval,
      categories_requiring_approval: input.categoriesRequiringApproval,
    };
    await tx.updateTable("edition").set({ ...after, updated_at: request.now }).where("id", "=", access.editionId).execute();
    const { time_zone: _zone, confirmed: _confirmed, ...previous } = before;
    await recordAudit(
      tx,
      access,
      { action: "edition.registration_settings", subjectType: "edition", subjectId: access.editionId, before: previous, after },
      request.now,
    );
  });
}
