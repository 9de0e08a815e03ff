import type { Kysely } from "kysely";
import type { DB, OrganisationType, ParticipantCategory, RegistrationStatus } from "~/db/schema";

// Registrations written straight into the database with the fields figures count, for the tests
// of the figures and their end-to-end journey: exact counts need exact rows.

export interface SeededRegistration {
  status?: RegistrationStatus;
  category?: ParticipantCategory;
  organisationType?: OrganisationType;
  country?: string;
  language?: "fr" | "en";
  createdAt: string;
}

let seeded = 0;

export async function seedRegistrations(db: Kysely<DB>, editionId: number, rows: readonly SeededRegistration[]): Promise<number[]> {
  const ids: number[] = [];
  for (const row of rows) {
    const n = ++seeded;
    const email = `figures${n}.${process.pid}.${Date.now()}@example.org`;
    const person = await db.insertInto("person").values({ email, language: row.language ?? "fr" }).returning("id").executeTakeFirstOrThrow();
    const { id } = await db
      .insertInto("registration")
      .values({
        edition_id: editionId,
        person_id: person.id,
        registered_by_person_id: person.id,
        status: row.status ?? "confirmed",
        category: row.category ?? "participant",
        given_name: "Camille",
        family_name: `Figure ${n}`,
        email,
        organisation_type: row.organisationType ?? "commune",
        organisation_name: "Ville de Montpellier",
        country_code: row.country ?? "FR",
        reference: `F${String(n).padStart(7, "0")}${process.pid % 1000}`,
        created_at: row.createdAt,
        updated_at: row.createdAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(id);
  }
  return ids;
}

/** A session needing a sign-up on a new day of the edition, and confirmed or waiting seats in it. */
export async function seedWorkshop(
  db: Kysely<DB>,
  editionId: number,
  workshop: { day: string; capacity: number; title: string; confirmed: number[]; waitlisted: number[] },
): Promise<number> {
  const day = await db.insertInto("edition_day").values({ edition_id: editionId, day: workshop.day }).returning("id").executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto("session")
    .values({
      edition_id: editionId,
      day_id: day.id,
      starts_at: `${workshop.day}T10:00:00+02:00`,
      ends_at: `${workshop.day}T12:00:00+02:00`,
      kind: "workshop_thematic",
      title: JSON.stringify({ fr: `Atelier ${workshop.title}`, en: `Workshop ${workshop.title}` }),
      capacity: workshop.capacity,
      requires_signup: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const signups = [
    ...workshop.confirmed.map((registrationId) => ({ session_id: id, registration_id: registrationId, status: "confirmed" as const })),
    ...workshop.waitlisted.map((registrationId) => ({ session_id: id, registration_id: registrationId, status: "waitlisted" as const, waitlisted_at: new Date() })),
  ];
  if (signups.length > 0) await db.insertInto("session_signup").values(signups).execute();
  return id;
}
