import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import type { PersonFields } from "~/features/registration/form";
import type { RegistrationRequest } from "~/features/registration/registration.server";

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
    country_code: "FR",
    category: "participant",
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
