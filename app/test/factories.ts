import type { Kysely } from "kysely";
import { getEdition } from "~/features/editions/editions.server";
import type { DB } from "~/db/schema";
import type { PersonFields } from "~/features/registration/form";
import type { RegistrationRequest } from "~/features/registration/registration.server";
import { hashSecret } from "~/features/accounts/secrets.server";
import { openSignInSession } from "~/features/accounts/sign-in-sessions.server";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import type { StaffRole } from "~/features/organisers/roles";

let counter = 0;
const next = () => ++counter;

export async function createPerson(db: Kysely<DB>, overrides: { email?: string; language?: "fr" | "en" } = {}) {
  const n = next();
  return db
    .insertInto("person")
    .values({ email: overrides.email ?? `person${n}.${process.pid}@example.org`, language: overrides.language ?? "fr" })
    .returning(["id", "email", "language"])
    .executeTakeFirstOrThrow();
}

export function personFields(overrides: Partial<PersonFields> = {}): PersonFields {
  const n = next();
  return {
    given_name: "Camille",
    family_name: `Martin ${n}`,
    job_title: "Chargée de mission",
    email: `camille.martin${n}@example.org`,
    phone: "+33 1 23 45 67 89",
    languages: ["fr", "en"],
    organisation_type: "commune",
    organisation_name: "Ville de Montpellier",
    city: "Montpellier",
    country_code: "FR",
    category: "participant",
    days: [],
    ...overrides,
  };
}

/** A registration request inside the 2026 window (1 May 2026), with every consent refused. */
export function registrationRequest(
  editionId: number,
  person: { id: number; email: string },
  overrides: Partial<RegistrationRequest> = {},
): RegistrationRequest {
  return {
    editionId,
    personId: person.id,
    registeredByPersonId: person.id,
    fields: personFields({ email: person.email }),
    answers: {},
    consents: { photos: false, share_contact: false, newsletter: false, health_data: false },
    consentTexts: { photos: "Photos", share_contact: "Contact", newsletter: "Newsletter", health_data: "Health" },
    language: "fr",
    now: new Date("2026-05-01T10:00:00Z"),
    publicUrl: "https://rencontres.example.org",
    ...overrides,
  };
}

// Each test edition gets its own year and number: both are unique.
let nextYear = 2100;

/** A new edition copied from the 2026 demo edition (same venue and window), with its own rules. */
export async function createEdition(db: Kysely<DB>, settings: { capacity?: number; approval?: boolean } = {}): Promise<number> {
  const source = await getEdition(db, 2026);
  const year = nextYear++;
  const { id } = await db
    .insertInto("edition")
    .values({
      number: 100 + year,
      year,
      title: JSON.stringify(source.title),
      theme: JSON.stringify(source.theme),
      summary: JSON.stringify(source.summary),
      venue_id: source.venue_id,
      registration_opens_at: source.registration_opens_at,
      registration_closes_at: source.registration_closes_at,
      registration_capacity: settings.capacity ?? null,
      registration_requires_approval: settings.approval ?? false,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** A session of the 2026 demo edition that needs a sign-up; times are Paris summer time. */
export async function createWorkshop(
  db: Kysely<DB>,
  session: { day?: string; start: string; end: string; capacity: number; title?: string; wishRoundId?: number },
): Promise<number> {
  const edition = await getEdition(db, 2026);
  const day = session.day ?? "2026-07-09";
  const dayRow = await db.selectFrom("edition_day").where("edition_id", "=", edition.id).where("day", "=", day).select("id").executeTakeFirstOrThrow();
  const title = session.title ?? session.start;
  const { id } = await db
    .insertInto("session")
    .values({
      edition_id: edition.id,
      day_id: dayRow.id,
      starts_at: `${day}T${session.start}:00+02:00`,
      ends_at: `${day}T${session.end}:00+02:00`,
      kind: "workshop_thematic",
      title: JSON.stringify({ fr: `Atelier ${title}`, en: `Workshop ${title}` }),
      capacity: session.capacity,
      requires_signup: true,
      wish_round_id: session.wishRoundId ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** A person holding `role` on the edition of `year` (or on every edition, with `year` null). */
export async function createStaff(db: Kysely<DB>, role: StaffRole, year: number | null) {
  const person = await createPerson(db);
  const editionId = year === null ? null : (await db.selectFrom("edition").select("id").where("year", "=", year).executeTakeFirstOrThrow()).id;
  await db.insertInto("staff_role").values({ person_id: person.id, edition_id: editionId, role }).execute();
  return person;
}

/**
 * A signed-in organiser of the edition of `year` (or someone with another role there), through
 * the real role check: a back-office proof cannot be made any other way. Their session passed a
 * second factor at `now` (a TOTP app, enrolled with `totpSecret`).
 */
export async function signedInOrganiser(db: Kysely<DB>, year: number, now = new Date("2026-05-01T10:00:00Z"), role: StaffRole = "organiser") {
  const staff = await signedInWithoutFactor(db, year, now, role);
  await db.insertInto("second_factor").values({ person_id: staff.person.id, kind: "totp", label: "totp", created_at: now, confirmed_at: now, totp_secret: `plain:${totpSecret}` }).execute();
  await db.updateTable("auth_session").set({ second_factor_at: now }).where("person_id", "=", staff.person.id).execute();
  const publicUrl = "http://localhost:3000";
  const context = { db, now: () => now, env: { PUBLIC_URL: publicUrl } };
  const request = new Request(`${publicUrl}/fr/${year}/organisation`, { headers: { Cookie: staff.cookie } });
  return { ...(await requireBackOffice(request, context, year, role === "partner" ? "figures" : role === "checkin" ? "checkin" : role === "meetings" ? "meetings" : "content")), cookie: staff.cookie, context };
}

/**
 * A sign-in session of `person` that passed a second factor at `now`: what a staff member's
 * browser holds once in the back office (the factor is a TOTP app enrolled with `totpSecret`).
 */
export async function staffSession(db: Kysely<DB>, person: { id: number }, now = new Date("2026-05-01T10:00:00Z")) {
  const { token } = await openSignInSession(db, person.id, now);
  const hasFactor = await db.selectFrom("second_factor").select("id").where("person_id", "=", person.id).executeTakeFirst();
  if (!hasFactor) {
    await db.insertInto("second_factor").values({ person_id: person.id, kind: "totp", label: "totp", created_at: now, confirmed_at: now, totp_secret: `plain:${totpSecret}` }).execute();
  }
  const session = await db
    .updateTable("auth_session")
    .set({ second_factor_at: now })
    .where("token_hash", "=", hashSecret(token))
    .returning("csrf_token")
    .executeTakeFirstOrThrow();
  return { cookie: `rencontres_session=${token}`, csrf: session.csrf_token };
}

/** The TOTP secret (base32) of the factor signedInOrganiser enrols. */
export const totpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/**
 * A person holding `role` on the edition of `year` (null: every edition), signed in by e-mail but
 * whose session has passed no second factor (and who has none unless `withFactor`).
 */
export async function signedInWithoutFactor(db: Kysely<DB>, year: number | null, now = new Date("2026-05-01T10:00:00Z"), role: StaffRole = "organiser") {
  const person = await createStaff(db, role, year);
  const { token } = await openSignInSession(db, person.id, now);
  return { person, cookie: `rencontres_session=${token}` };
}
