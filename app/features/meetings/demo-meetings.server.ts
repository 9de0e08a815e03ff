import type { Kysely } from "kysely";
import { meetingProfileConsent, type DB, type Localised, type MeetingPriority } from "~/db/schema";
import { translate } from "~/i18n/translate";

/** The themes of international action that organisers start from, and may change per edition. */
const demoThemes: Localised[] = [
  { fr: "Climat", en: "Climate" },
  { fr: "Eau et assainissement", en: "Water and sanitation" },
  { fr: "Santé", en: "Health" },
  { fr: "Culture", en: "Culture" },
  { fr: "Développement économique", en: "Economic development" },
  { fr: "Éducation", en: "Education" },
  { fr: "Gouvernance", en: "Governance" },
  { fr: "Migrations", en: "Migration" },
  { fr: "Jeunesse", en: "Youth" },
  { fr: "Égalité femmes-hommes", en: "Gender equality" },
  { fr: "Sport", en: "Sport" },
  { fr: "Tourisme", en: "Tourism" },
  { fr: "Agriculture et alimentation", en: "Agriculture and food" },
  { fr: "Numérique", en: "Digital" },
  { fr: "Réponse humanitaire", en: "Humanitarian response" },
];

/** Demo profiles: a family name of the demo participants, their themes (by English label), the countries where they act, their words. */
const demoProfiles: {
  family: string;
  themes: string[];
  countries: string[];
  region: string;
  offer: string;
  seek: string;
}[] = [
  {
    family: "Lefèvre",
    themes: ["Water and sanitation", "Climate"],
    countries: ["SN", "BF"],
    region: "Occitanie",
    offer: "Régie publique de l'eau\u202f: accompagnement technique des services d'eau de collectivités partenaires.",
    seek: "Collectivités sahéliennes souhaitant structurer un service d'assainissement.",
  },
  {
    family: "Diop",
    themes: ["Water and sanitation", "Health"],
    countries: ["SN"],
    region: "Région de Dakar",
    offer: "Retour d'expérience sur l'assainissement des quartiers périurbains de Dakar.",
    seek: "Partenaires français pour un programme de latrines publiques et de gestion des boues.",
  },
  {
    family: "Araújo",
    themes: ["Digital", "Governance"],
    countries: ["BR", "FR"],
    region: "Estado de São Paulo",
    offer: "Participatory budgeting tools used by the city for fifteen years.",
    seek: "French cities interested in open data and citizen participation.",
  },
  {
    family: "Schäfer",
    themes: ["Climate", "Youth"],
    countries: ["DE", "PL"],
    region: "Nordrhein-Westfalen",
    offer: "Youth climate councils twinned with partner cities.",
    seek: "Partners for a European youth exchange on local climate plans.",
  },
  {
    family: "Ouédraogo",
    themes: ["Agriculture and food", "Gender equality"],
    countries: ["BF"],
    region: "Centre",
    offer: "Coopératives maraîchères de femmes autour de Ouagadougou.",
    seek: "Soutien à la transformation et à la vente des produits locaux.",
  },
  {
    family: "Côté",
    themes: ["Culture", "Tourism"],
    countries: ["CA", "HT"],
    region: "Capitale-Nationale",
    offer: "Programmes d'échanges culturels francophones entre villes.",
    seek: "Villes francophones pour un réseau de festivals.",
  },
];

/** The themes of every demo edition and, in the newest one, a few published profiles of its demo participants. */
/** The partners' area of the newest edition: tables for two, and two for delegations. */
const demoTables = [
  ...Array.from({ length: 10 }, (_, i) => ({ label: `Table ${i + 1}`, seats: 2 })),
  { label: "Table 11", seats: 6 },
  { label: "Table 12", seats: 6 },
];

/** Requests between demo profiles, already answered: the board has something to schedule. */
const demoRequests: { from: string; to: string; priority: MeetingPriority; status: "accepted" | "pending"; message: string }[] = [
  { from: "Lefèvre", to: "Diop", priority: "must", status: "accepted", message: "Échanger sur nos projets d'assainissement à Saint-Louis." },
  { from: "Araújo", to: "Schäfer", priority: "would_like", status: "accepted", message: "Parler de jumelage et de climat." },
  { from: "Ouédraogo", to: "Lefèvre", priority: "must", status: "accepted", message: "Préparer la prochaine mission de coopération." },
  { from: "Côté", to: "Araújo", priority: "would_like", status: "pending", message: "Culture et jeunesse : un projet commun ?" },
];

export async function loadDemoMeetings(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const editions = await tx.selectFrom("edition").select(["id", "year"]).orderBy("year", "desc").execute();
    for (const edition of editions) {
      const existing = await tx.selectFrom("meeting_theme").select("id").where("edition_id", "=", edition.id).limit(1).executeTakeFirst();
      if (existing) continue;
      await tx
        .insertInto("meeting_theme")
        .values(
          demoThemes.map((label, position) => ({
            edition_id: edition.id,
            label: JSON.stringify(label),
            position,
          })),
        )
        .execute();
    }
    const newest = editions[0];
    if (!newest) return;
    const themes = await tx.selectFrom("meeting_theme").where("edition_id", "=", newest.id).select(["id", "label"]).execute();
    const themeId = new Map(themes.map((theme) => [theme.label.en, theme.id]));
    for (const profile of demoProfiles) {
      const registration = await tx
        .selectFrom("registration")
        .innerJoin("person", "person.id", "registration.person_id")
        .where("registration.edition_id", "=", newest.id)
        .where("registration.family_name", "=", profile.family)
        .where("registration.status", "=", "confirmed")
        .select(["registration.id", "registration.person_id", "person.language", "registration.created_at"])
        .orderBy("registration.id")
        .executeTakeFirst();
      if (!registration) throw new Error(`demo meeting profile: no confirmed registration of ${profile.family} in ${newest.year}`);
      const kept = await tx.selectFrom("meeting_profile").select("registration_id").where("registration_id", "=", registration.id).executeTakeFirst();
      if (kept) continue;
      const at = registration.created_at;
      await tx
        .insertInto("meeting_profile")
        .values({
          registration_id: registration.id,
          edition_id: newest.id,
          published_at: at,
          region: profile.region,
          offer: profile.offer,
          seek: profile.seek,
          updated_at: at,
        })
        .execute();
      const ids = profile.themes.map((label) => themeId.get(label)).filter((id): id is number => id !== undefined);
      if (ids.length > 0)
        await tx
          .insertInto("meeting_profile_theme")
          .values(
            ids.map((theme_id) => ({
              registration_id: registration.id,
              theme_id,
            })),
          )
          .execute();
      await tx
        .insertInto("meeting_profile_country")
        .values(
          profile.countries.map((country_code) => ({
            registration_id: registration.id,
            country_code,
          })),
        )
        .execute();
      await tx
        .insertInto("consent")
        .values({
          registration_id: registration.id,
          kind: meetingProfileConsent,
          granted: true,
          text_shown: translate(registration.language, "meetings.consent.profile"),
          language: registration.language,
          recorded_at: at,
          given_by_person_id: registration.person_id,
        })
        .execute();
    }
    if (!(await tx.selectFrom("meeting_table").where("edition_id", "=", newest.id).select("id").limit(1).executeTakeFirst())) {
      await tx
        .insertInto("meeting_table")
        .values(demoTables.map((table, position) => ({ ...table, edition_id: newest.id, position })))
        .execute();
      const registrationOf = async (family: string) =>
        await tx
          .selectFrom("registration")
          .where("edition_id", "=", newest.id)
          .where("family_name", "=", family)
          .where("status", "=", "confirmed")
          .select(["id", "created_at"])
          .orderBy("id")
          .executeTakeFirstOrThrow();
      for (const request of demoRequests) {
        const [from, to] = [await registrationOf(request.from), await registrationOf(request.to)];
        const at = from.created_at > to.created_at ? from.created_at : to.created_at;
        await tx
          .insertInto("meeting_request")
          .values({
            edition_id: newest.id,
            requester_registration_id: from.id,
            invitee_registration_id: to.id,
            priority: request.priority,
            status: request.status,
            message: request.message,
            created_at: at,
            answered_at: request.status === "accepted" ? at : null,
          })
          .execute();
      }
    }
  });
}
