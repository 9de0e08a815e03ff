import type { Kysely } from "kysely";
import type { DB, OrganisationType, ParticipantCategory, RegistrationStatus } from "~/db/schema";
import { referenceAlphabet } from "./confirmation.server";

/**
 * Participants of the demo editions, so that a fresh installation shows a registrations desk and
 * figures worth looking at: local authorities of France and of their partners abroad, names in
 * many languages (with the accents a search must see through), a few awaiting approval, a few
 * cancelled. Every address is at example.org; nobody is e-mailed when they are loaded.
 */

interface Place {
  country: string;
  city: string;
  language: "fr" | "en";
  people: [given: string, family: string][];
  organisations: [type: OrganisationType, name: string][];
}

const places: Place[] = [
  {
    country: "FR",
    city: "Montpellier",
    language: "fr",
    people: [["Étienne", "Lefèvre"], ["Hélène", "Garnier"], ["François", "Mercier"], ["Chloé", "Bénard"], ["Noël", "Dubœuf"], ["Zoé", "Marchand"]],
    organisations: [["commune", "Ville de Montpellier"], ["intercommunality", "Montpellier Méditerranée Métropole"], ["region", "Région Occitanie"]],
  },
  {
    country: "FR",
    city: "Lyon",
    language: "fr",
    people: [["Amélie", "Roux"], ["Jérôme", "Faure"], ["Inès", "Boucher"], ["Raphaël", "Lemaître"]],
    organisations: [["commune", "Ville de Lyon"], ["department", "Département du Rhône"], ["network", "Cités Unies France"]],
  },
  {
    country: "FR",
    city: "Rennes",
    language: "fr",
    people: [["Maëlle", "Le Goff"], ["Loïc", "Kerjean"], ["Anaïs", "Le Bihan"]],
    organisations: [["region", "Région Bretagne"], ["commune", "Ville de Rennes"]],
  },
  { country: "BR", city: "São Paulo", language: "en", people: [["João", "Silva"], ["Conceição", "Araújo"]], organisations: [["foreign_local_authority", "Prefeitura de São Paulo"]] },
  { country: "SN", city: "Dakar", language: "fr", people: [["Aïssatou", "Diop"], ["Mamadou", "Sène"], ["Fatou", "Ndiaye"]], organisations: [["foreign_local_authority", "Ville de Dakar"]] },
  { country: "VN", city: "Huế", language: "en", people: [["Nguyễn", "Thị Ánh"], ["Trần", "Văn Đức"]], organisations: [["foreign_local_authority", "Province de Thừa Thiên Huế"]] },
  { country: "PL", city: "Łódź", language: "en", people: [["Łucja", "Wróbel"], ["Paweł", "Żak"]], organisations: [["foreign_local_authority", "Miasto Łódź"]] },
  { country: "DE", city: "Köln", language: "en", people: [["Jürgen", "Schäfer"], ["Käthe", "Müller"]], organisations: [["foreign_local_authority", "Stadt Köln"]] },
  { country: "ES", city: "Málaga", language: "en", people: [["Begoña", "Núñez"], ["José", "Peña"]], organisations: [["foreign_local_authority", "Ayuntamiento de Málaga"]] },
  { country: "MA", city: "Marrakech", language: "fr", people: [["Yasmine", "El Idrissi"], ["Karim", "Benjelloun"]], organisations: [["foreign_local_authority", "Commune de Marrakech"]] },
  { country: "TN", city: "Sfax", language: "fr", people: [["Leïla", "Ben Salah"], ["Sami", "Trabelsi"]], organisations: [["foreign_local_authority", "Municipalité de Sfax"]] },
  { country: "CI", city: "Abidjan", language: "fr", people: [["Adjoua", "Kouassi"], ["Koffi", "Yao"]], organisations: [["foreign_local_authority", "District autonome d'Abidjan"]] },
  { country: "BF", city: "Ouagadougou", language: "fr", people: [["Salimata", "Ouédraogo"], ["Issouf", "Kaboré"]], organisations: [["foreign_local_authority", "Commune de Ouagadougou"]] },
  { country: "ML", city: "Bamako", language: "fr", people: [["Awa", "Traoré"], ["Oumar", "Keïta"]], organisations: [["ngo", "Réseau des collectivités du Mali"]] },
  { country: "MG", city: "Antananarivo", language: "fr", people: [["Hery", "Rakotoarisoa"]], organisations: [["foreign_local_authority", "Commune urbaine d'Antananarivo"]] },
  { country: "BJ", city: "Cotonou", language: "fr", people: [["Rosine", "Houngbédji"]], organisations: [["foreign_local_authority", "Ville de Cotonou"]] },
  { country: "CM", city: "Douala", language: "fr", people: [["Ange", "Mbarga"]], organisations: [["foreign_local_authority", "Communauté urbaine de Douala"]] },
  { country: "HT", city: "Jacmel", language: "fr", people: [["Guerda", "Pierre-Louis"]], organisations: [["foreign_local_authority", "Mairie de Jacmel"]] },
  { country: "LB", city: "Beyrouth", language: "fr", people: [["Rania", "Haddad"]], organisations: [["foreign_local_authority", "Municipalité de Beyrouth"]] },
  { country: "PS", city: "Bethléem", language: "en", people: [["Nadia", "Khoury"]], organisations: [["foreign_local_authority", "Bethlehem Municipality"]] },
  { country: "CA", city: "Québec", language: "fr", people: [["Geneviève", "Tremblay"], ["Benoît", "Côté"]], organisations: [["foreign_local_authority", "Ville de Québec"]] },
  { country: "JP", city: "Kyōto", language: "en", people: [["Haruka", "Satō"]], organisations: [["foreign_local_authority", "City of Kyōto"]] },
  { country: "CN", city: "Chengdu", language: "en", people: [["Wei", "Zhāng"]], organisations: [["foreign_local_authority", "Sichuan Province"]] },
  { country: "UA", city: "Lviv", language: "en", people: [["Olena", "Kovalenko"]], organisations: [["foreign_local_authority", "Lviv City Council"]] },
  { country: "AM", city: "Erevan", language: "fr", people: [["Anahit", "Sargsyan"]], organisations: [["foreign_local_authority", "Mairie d'Erevan"]] },
  { country: "RO", city: "Cluj-Napoca", language: "en", people: [["Ioana", "Popescu"]], organisations: [["foreign_local_authority", "Primăria Cluj-Napoca"]] },
  { country: "IT", city: "Torino", language: "en", people: [["Niccolò", "Ferrari"]], organisations: [["foreign_local_authority", "Città di Torino"]] },
  { country: "BE", city: "Liège", language: "fr", people: [["Thérèse", "Dumont"]], organisations: [["foreign_local_authority", "Province de Liège"]] },
  { country: "CH", city: "Genève", language: "fr", people: [["Mathéo", "Favre"]], organisations: [["ngo", "Fondation pour la coopération"]] },
  { country: "MX", city: "Oaxaca", language: "en", people: [["Xóchitl", "Hernández"]], organisations: [["foreign_local_authority", "Gobierno de Oaxaca"]] },
  { country: "CO", city: "Medellín", language: "en", people: [["Andrés", "Muñoz"]], organisations: [["foreign_local_authority", "Alcaldía de Medellín"]] },
];

/** Where each edition's registrations stand; the 2025 edition had a quarter fewer people. */
// Nobody waits for a place: the demo editions have no capacity, and a place freed would go to them.
const plans: { year: number; keep: (index: number) => boolean; pending: number; checkedIn: boolean }[] = [
  { year: 2025, keep: (index) => index % 4 !== 3, pending: 0, checkedIn: true },
  { year: 2026, keep: () => true, pending: 5, checkedIn: false },
];

/** Every person once, the places taken in turn so that any slice of the list spans many countries. */
const everyone = Array.from({ length: Math.max(...places.map((place) => place.people.length)) }, (_, round) =>
  places.flatMap((place) => {
    const person = place.people[round];
    return person ? [{ place, given: person[0], family: person[1], organisation: place.organisations[round % place.organisations.length]! }] : [];
  }),
).flat();

const categories: ParticipantCategory[] = ["participant", "participant", "participant", "participant", "participant", "speaker", "participant", "partner", "participant", "press"];

/** Adds the participants to the demo editions that have none yet. */
export async function loadDemoParticipants(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const plan of plans) {
      const edition = await tx.selectFrom("edition").select(["id", "registration_opens_at", "registration_closes_at"]).where("year", "=", plan.year).executeTakeFirst();
      if (!edition) continue;
      const existing = await tx.selectFrom("registration").select("id").where("edition_id", "=", edition.id).limit(1).executeTakeFirst();
      if (existing) continue;
      const days = (await tx.selectFrom("edition_day").select("day").where("edition_id", "=", edition.id).orderBy("day").execute()).map((row) => row.day);
      const opens = edition.registration_opens_at.getTime();
      const span = edition.registration_closes_at.getTime() - opens;
      const coming = everyone.filter((_, index) => plan.keep(index));
      for (const [index, { place, given, family, organisation }] of coming.entries()) {
        const [organisationType, organisationName] = organisation;
        const email = `${fold(given)}.${fold(family)}@example.org`;
        // The same person comes back the next year, with the same address.
        const person =
          (await tx.selectFrom("person").select("id").where("email", "=", email).executeTakeFirst()) ??
          (await tx.insertInto("person").values({ email, language: place.language }).returning("id").executeTakeFirstOrThrow());
        // Registrations come slowly at first, then faster as the event nears.
        const at = new Date(opens + span * Math.sqrt((index + 1) / (coming.length + 1)));
        const fromEnd = coming.length - index;
        const status: RegistrationStatus =
          fromEnd <= plan.pending ? "pending" : index % 17 === 3 ? "cancelled" : "confirmed";
        await tx
          .insertInto("registration")
          .values({
            edition_id: edition.id,
            person_id: person.id,
            registered_by_person_id: person.id,
            status,
            category: categories[index % categories.length]!,
            given_name: given,
            family_name: family,
            email,
            languages: place.language === "fr" ? ["fr"] : ["en", "fr"].slice(0, 1 + (index % 2)),
            organisation_type: organisationType,
            organisation_name: organisationName,
            country_code: place.country,
            city: place.city,
            days: days.length > 1 && index % 5 === 1 ? [days[0]!] : days,
            reference: demoReference(plan.year, index),
            created_at: at,
            updated_at: at,
            confirmed_at: status === "confirmed" ? at : null,
            cancelled_at: status === "cancelled" ? at : null,
            checked_in_at: plan.checkedIn && status === "confirmed" && index % 9 !== 0 ? edition.registration_closes_at : null,
          })
          .execute();
      }
    }
  });
}

/** A reference of the usual shape, different for each index (7919 is prime to 32⁴), never random: no collision. */
function demoReference(year: number, index: number): string {
  let code = (index * 7919 + 104_729) % 32 ** 4;
  let characters = "";
  for (let digit = 0; digit < 4; digit++, code = Math.floor(code / 32)) characters += referenceAlphabet[code % 32];
  return `R${String(year % 100).padStart(2, "0")}-${characters}`;
}

/** An address's part from a name: ASCII letters only. */
const fold = (name: string) =>
  name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[łŁ]/g, "l")
    .replace(/[đĐ]/g, "d")
    .replace(/œ/g, "oe")
    .toLowerCase()
    .replace(/[^a-z]+/g, "-")
    .replace(/^-|-$/g, "");
