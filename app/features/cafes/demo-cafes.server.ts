import type { Kysely } from "kysely";
import type { DB, Localised } from "~/db/schema";

/** Demo tables: the family name of a demo participant with a published profile, the topic, the language. */
const demoCafes: { family: string; table: string; topic: Localised; language: string; seats: number }[] = [
  {
    family: "Lefèvre",
    table: "1",
    topic: { fr: "Régies publiques de l’eau et coopération décentralisée", en: "Public water utilities and decentralised cooperation" },
    language: "fr",
    seats: 6,
  },
  {
    family: "Araújo",
    table: "2",
    topic: { fr: "Budget participatif : quinze ans à São Paulo", en: "Participatory budgeting: fifteen years in São Paulo" },
    language: "pt",
    seats: 6,
  },
  { family: "Schäfer", table: "3", topic: { fr: "Conseils de jeunes pour le climat", en: "Youth climate councils" }, language: "en", seats: 8 },
  { family: "Côté", table: "4", topic: { fr: "Festivals francophones en réseau", en: "A network of French-speaking festivals" }, language: "fr", seats: 6 },
];

/** A few café tables in the café blocks of the newest edition, kept by demo participants with a published profile; once. */
export async function loadDemoCafes(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const newest = await tx.selectFrom("edition").select(["id", "year"]).orderBy("year", "desc").executeTakeFirst();
    if (!newest) return;
    const existing = await tx.selectFrom("cafe").where("edition_id", "=", newest.id).select("id").limit(1).executeTakeFirst();
    if (existing) return;
    const blocks = await tx.selectFrom("session").where("edition_id", "=", newest.id).where("kind", "=", "cafe").select("id").orderBy("starts_at").execute();
    for (const block of blocks) {
      for (const cafe of demoCafes) {
        const host = await tx
          .selectFrom("registration")
          .innerJoin("meeting_profile", "meeting_profile.registration_id", "registration.id")
          .where("registration.edition_id", "=", newest.id)
          .where("registration.family_name", "=", cafe.family)
          .where("registration.status", "=", "confirmed")
          .where("meeting_profile.published_at", "is not", null)
          .select("registration.id")
          .orderBy("registration.id")
          .executeTakeFirst();
        if (!host) throw new Error(`demo café: no published profile of ${cafe.family} in ${newest.year}`);
        await tx
          .insertInto("cafe")
          .values({
            edition_id: newest.id,
            session_id: block.id,
            host_registration_id: host.id,
            topic: JSON.stringify(cafe.topic),
            language: cafe.language,
            table_label: cafe.table,
            seats: cafe.seats,
          })
          .execute();
      }
    }
  });
}
