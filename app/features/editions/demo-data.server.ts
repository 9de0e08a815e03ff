import type { Kysely, Transaction } from "kysely";
import type { DB, Localised, SessionKind } from "~/db/schema";
import { insertDemoRelays } from "~/features/partners/demo-data.server";

// The 16th (2025) and 17th (2026) editions, from their invitations. Times are Paris summer time.

const json = (value: Localised) => JSON.stringify(value);
const l = (fr: string, en: string): Localised => ({ fr, en });

interface DemoSession {
  start: string;
  end: string;
  kind: SessionKind;
  title: Localised;
  description?: Localised;
  room?: "plenary" | "workshopA" | "workshopB" | "partners";
  capacity?: number;
  speakers?: "president"[];
}

interface DemoEdition {
  number: number;
  year: number;
  theme: Localised;
  summary: Localised;
  opensAt: string;
  closesAt: string;
  hashtag: string;
  honourText: Localised;
  days: { day: string; sessions: DemoSession[] }[];
  supporters: { name: Localised; acronym?: Localised; role: "organiser" | "support"; note?: Localised; website: string }[];
  links: { kind: "website" | "event_site" | "x" | "linkedin"; url: string; label: Localised }[];
}

const title = l(
  "Rencontres de l'action internationale des collectivités territoriales",
  "Paris Meeting of local authorities in international action",
);

const citesUniesFrance = {
  name: l("Cités Unies France", "Cités Unies France"),
  acronym: l("CUF", "CUF"),
  role: "organiser" as const,
  website: "https://cites-unies-france.org/",
};

const socialLinks = [
  { kind: "event_site" as const, url: "http://raict.org", label: l("Site dédié aux Rencontres", "Dedicated website of the Rencontres") },
  { kind: "x" as const, url: "https://x.com/CitesUniesFR", label: l("@CitesUniesFR sur X", "@CitesUniesFR on X") },
  {
    kind: "linkedin" as const,
    url: "https://www.linkedin.com/company/cites-unies-france-officiel/",
    label: l("Cités Unies France sur LinkedIn", "Cités Unies France on LinkedIn"),
  },
];

const welcome = l("Accueil des participants", "Welcome and registration");
const coffeeBreak = l("Pause café", "Coffee break");

/** The parallel sessions of a "workshops / meetings / B2B" block. */
function workshopBlock(start: string, end: string, regional: "workshop_regional" | "regional_meeting"): DemoSession[] {
  return [
    {
      start,
      end,
      kind: "workshop_thematic",
      title: l("Ateliers thématiques", "Thematic workshops"),
      description: l(
        "Échanges entre collectivités et partenaires sur un thème de l'action internationale. Inscription requise.",
        "Local authorities and partners discuss one theme of international action. Sign-up required.",
      ),
      room: "workshopA",
      capacity: 40,
    },
    {
      start,
      end,
      kind: regional,
      title:
        regional === "regional_meeting"
          ? l("Réunions régionales", "Regional meetings")
          : l("Ateliers régionaux", "Regional workshops"),
      description: l(
        "Les partenaires d'une même région du monde font le point sur leurs coopérations. Inscription requise.",
        "Partners from one region of the world review their cooperation. Sign-up required.",
      ),
      room: "workshopB",
      capacity: 40,
    },
    {
      start,
      end,
      kind: "b2b",
      title: l("Rencontres B2B", "B2B meetings"),
      description: l(
        "Rendez-vous bilatéraux planifiés à l'avance à l'Espace des partenaires.",
        "Bilateral meetings planned in advance in the partners' area.",
      ),
      room: "partners",
    },
  ];
}

const cafes: DemoSession = {
  start: "",
  end: "",
  kind: "cafe",
  title: l("« Cafés des Rencontres »", "“Cafés des Rencontres”"),
  description: l(
    "Petites tables de conversation avec des acteurs de l'action internationale des collectivités.",
    "Small conversation tables with local actors in international action.",
  ),
  room: "partners",
};

const editions: DemoEdition[] = [
  {
    number: 16,
    year: 2025,
    theme: l(
      "Construire l'action internationale des collectivités territoriales de demain",
      "Constructing the local authorities' international action of tomorrow",
    ),
    summary: l(
      "Une journée pour les collectivités françaises et leurs partenaires de plus de 25 pays, l'année des 50 ans de Cités Unies France.",
      "One day for French local authorities and their partners from over 25 countries, in the year Cités Unies France turns 50.",
    ),
    opensAt: "2025-04-15T00:00:00+02:00",
    closesAt: "2025-07-03T18:00:00+02:00",
    hashtag: "RencontresAICT2025",
    honourText: l(
      "Cérémonie de mise à l'honneur d'un pays et remerciements aux collectivités organisatrices des « Relais de la coop déc' ».",
      "Ceremony honouring one country, and acknowledgments to the local authorities that organised the “Relais de la coop déc'”.",
    ),
    days: [
      {
        day: "2025-07-04",
        sessions: [
          { start: "08:00", end: "09:00", kind: "welcome", title: welcome },
          {
            start: "09:00",
            end: "09:30",
            kind: "opening",
            title: l("Cérémonie d'ouverture", "Opening ceremony"),
            room: "plenary",
            speakers: ["president"],
          },
          ...workshopBlock("09:30", "11:00", "workshop_regional"),
          { start: "11:00", end: "11:30", kind: "break", title: coffeeBreak },
          {
            start: "11:30",
            end: "13:00",
            kind: "plenary",
            title: l("Séance plénière thématique", "Thematic plenary session"),
            room: "plenary",
          },
          { start: "13:00", end: "14:00", kind: "meal", title: l("Pause déjeuner", "Lunch break") },
          { ...cafes, start: "14:00", end: "15:00" },
          ...workshopBlock("15:00", "16:30", "workshop_regional"),
          {
            start: "16:30",
            end: "17:30",
            kind: "ceremony",
            title: l("Cérémonie de mise à l'honneur d'un pays", "Ceremony honouring one country"),
            description: l(
              "Suivie des remerciements aux collectivités organisatrices des « Relais de la coop déc' ».",
              "Followed by acknowledgments to the local authorities that organised the “Relais de la coop déc'”.",
            ),
            room: "plenary",
          },
          { start: "17:30", end: "18:00", kind: "closing", title: l("Verre de l'amitié", "Farewell drink") },
        ],
      },
    ],
    supporters: [
      citesUniesFrance,
      {
        name: l("Cités et Gouvernements Locaux Unis", "United Cities and Local Governments"),
        acronym: l("CGLU", "UCLG"),
        role: "support",
        website: "https://www.uclg.org/",
      },
    ],
    links: [
      {
        kind: "website",
        url: "https://cites-unies-france.org/-Rencontres-de-l-action-internationale-des-collectivites-",
        label: l("Les Rencontres sur le site de Cités Unies France", "The Rencontres on the Cités Unies France website"),
      },
      ...socialLinks,
    ],
  },
  {
    number: 17,
    year: 2026,
    theme: l("Les collectivités territoriales dans le nouvel ordre mondial", "Local authorities in the new world order"),
    summary: l(
      "Deux jours de conférences, d'ateliers, de réunions régionales et de rendez-vous B2B sur la place des territoires dans un monde qui se recompose.",
      "Two days of conferences, workshops, regional meetings and B2B appointments on the place of local authorities in a changing world.",
    ),
    opensAt: "2026-04-15T00:00:00+02:00",
    closesAt: "2026-07-07T18:00:00+02:00",
    hashtag: "RencontresAICT2026",
    honourText: l(
      "Une plénière met un pays à l'honneur à l'Espace des partenaires, le jeudi 9 juillet.",
      "A plenary session honours one country in the partners' area on Thursday 9 July.",
    ),
    days: [
      {
        day: "2026-07-08",
        sessions: [
          { start: "13:00", end: "14:00", kind: "welcome", title: welcome },
          {
            start: "14:00",
            end: "14:30",
            kind: "opening",
            title: l("Ouverture officielle des Rencontres", "Official opening of the Rencontres"),
            room: "plenary",
            speakers: ["president"],
          },
          ...workshopBlock("14:30", "16:00", "regional_meeting"),
          { start: "16:00", end: "16:30", kind: "break", title: coffeeBreak },
          {
            start: "16:30",
            end: "18:30",
            kind: "conference",
            title: l("Conférence plénière thématique", "Thematic plenary conference"),
            room: "plenary",
          },
        ],
      },
      {
        day: "2026-07-09",
        sessions: [
          { start: "08:00", end: "09:30", kind: "welcome", title: welcome },
          ...workshopBlock("09:30", "11:00", "regional_meeting"),
          { start: "11:00", end: "11:30", kind: "break", title: coffeeBreak },
          {
            start: "11:30",
            end: "12:30",
            kind: "ceremony",
            title: l("Plénière de mise à l'honneur d'un pays", "Plenary session honouring one country"),
            room: "partners",
          },
          { start: "12:30", end: "14:30", kind: "meal", title: l("Cocktail déjeuner", "Cocktail lunch") },
          { ...cafes, start: "14:30", end: "15:30" },
          {
            start: "14:30",
            end: "15:30",
            kind: "b2b",
            title: l("Rencontres B2B", "B2B meetings"),
            room: "workshopA",
          },
          ...workshopBlock("15:30", "17:00", "regional_meeting"),
          { start: "17:00", end: "17:30", kind: "closing", title: l("Pot de clôture", "Closing drink") },
        ],
      },
    ],
    supporters: [
      citesUniesFrance,
      {
        name: l("PLATFORMA", "PLATFORMA"),
        role: "support",
        note: l(
          "Le projet PLATFORMA est co-financé par l'Union européenne.",
          "The PLATFORMA project is co-financed by the European Union.",
        ),
        website: "https://platforma-dev.eu/",
      },
    ],
    links: [
      {
        kind: "website",
        url: "https://cites-unies-france.org/Rencontres-de-l-AICT",
        label: l("Les Rencontres sur le site de Cités Unies France", "The Rencontres on the Cités Unies France website"),
      },
      ...socialLinks,
    ],
  },
];

/** The questions every demo edition asks on its registration form. */
const demoQuestions = [
  {
    kind: "multiple" as const,
    label: json(l("Régime alimentaire", "Dietary requirements")),
    options: JSON.stringify([
      { value: "vegetarian", label: l("Végétarien", "Vegetarian") },
      { value: "vegan", label: l("Végétalien", "Vegan") },
      { value: "halal", label: l("Halal", "Halal") },
      { value: "gluten_free", label: l("Sans gluten", "Gluten-free") },
    ]),
    required: false,
    health_data: false,
  },
  {
    kind: "yes_no" as const,
    label: json(l("Serez-vous présent·e au déjeuner ?", "Will you attend the lunch?")),
    required: true,
    health_data: false,
  },
  {
    kind: "text" as const,
    label: json(l("Besoins liés à un handicap ou à votre santé", "Needs related to a disability or your health")),
    help: json(
      l(
        "Accès, accompagnement, interprétation en langue des signes… Nous ne lisons cette réponse que pour vous accueillir.",
        "Access, assistance, sign-language interpreting… We read this answer only to welcome you.",
      ),
    ),
    required: false,
    health_data: true,
  },
];

/** Practical information for delegates coming from abroad, the same for both editions (same venue). */
const demoPracticalSections: { title: Localised; body: Localised }[] = [
  {
    title: l("Hébergement", "Accommodation"),
    body: l(
      "Les organisateurs ne réservent pas d'hôtel pour les participants. Réservez tôt : juillet est une période chargée à Paris.\n\nLe lieu est dans le 16e arrondissement, près de la station Iéna (ligne 9) ; un hôtel proche d'une station de cette ligne vous évite des changements.",
      "The organisers do not book hotels for participants. Book early: July is a busy time in Paris.\n\nThe venue is in the 16th arrondissement, near Iéna station (line 9); a hotel close to a station on that line saves you changes.",
    ),
  },
  {
    title: l("Visas et lettres d'invitation", "Visas and invitation letters"),
    body: l(
      "Si vous avez besoin d'un visa pour la France (espace Schengen), demandez-le dès que possible : les délais des consulats peuvent être longs.\n\nUne fois votre inscription confirmée, les organisateurs peuvent vous adresser une lettre d'invitation à joindre à votre demande. Écrivez au contact ci-dessous en indiquant votre nom, votre organisation et votre référence d'inscription.",
      "If you need a visa for France (Schengen area), apply as soon as you can: consulates can take a long time.\n\nOnce your registration is confirmed, the organisers can send you an invitation letter for your application. Write to the contact below with your name, your organisation and your registration reference.",
    ),
  },
  {
    title: l("Aéroports et gares", "Airports and railway stations"),
    body: l(
      "Paris est desservie par les aéroports Paris-Charles de Gaulle et Paris-Orly, reliés au centre par les trains RER et les bus.\n\nDepuis les gares parisiennes, le métro mène à la station Iéna (ligne 9), à quelques pas des Salons de l'Hôtel des Arts & Métiers, 9 bis avenue d'Iéna.",
      "Paris is served by Paris-Charles de Gaulle and Paris-Orly airports, linked to the centre by RER trains and buses.\n\nFrom the Paris railway stations, the metro takes you to Iéna station (line 9), a short walk from the Salons de l'Hôtel des Arts & Métiers, 9 bis avenue d'Iéna.",
    ),
  },
  {
    title: l("Accessibilité du lieu", "Accessibility of the venue"),
    body: l(
      "Pour toute question sur l'accès au lieu en fauteuil roulant ou avec une mobilité réduite, écrivez au contact ci-dessous avant votre venue.\n\nVous pouvez aussi indiquer vos besoins (accès, accompagnement, interprétation en langue des signes) dans le formulaire d'inscription : ils ne servent qu'à préparer votre accueil.",
      "For any question about access to the venue in a wheelchair or with reduced mobility, write to the contact below before you come.\n\nYou can also tell us your needs (access, assistance, sign-language interpreting) in the registration form: they are used only to prepare your welcome.",
    ),
  },
];

async function insertVenue(tx: Transaction<DB>) {
  const venue = await tx
    .insertInto("venue")
    .values({
      name: "Salons de l'Hôtel des Arts & Métiers",
      street_address: "9bis, avenue d'Iéna",
      postal_code: "75116",
      locality: "Paris",
      country_code: "FR",
      website: "https://www.salons-artsetmetiers.com/",
      latitude: 48.8652,
      longitude: 2.2944,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("venue_access")
    .values([
      { mode: "metro" as const, details: json(l("Ligne 9, station Iéna, sortie Musée Guimet", "Line 9, Iéna station, exit Musée Guimet")) },
      { mode: "bus" as const, details: json(l("Lignes 32, 63 et 82, arrêt Iéna", "Lines 32, 63 and 82, Iéna stop")) },
      { mode: "parking" as const, details: json(l("Parking Kléber, 65 avenue Kléber, 75116 Paris", "Parking Kléber, 65 avenue Kléber, 75116 Paris")) },
    ].map((access, position) => ({ ...access, venue_id: venue.id, position })))
    .execute();
  const room = async (name: Localised, capacity: number) =>
    (await tx.insertInto("room").values({ venue_id: venue.id, name: json(name), capacity }).returning("id").executeTakeFirstOrThrow()).id;
  const rooms = {
    plenary: await room(l("Grand salon", "Main hall"), 400),
    workshopA: await room(l("Salle d'atelier A", "Workshop room A"), 60),
    workshopB: await room(l("Salle d'atelier B", "Workshop room B"), 60),
    partners: await room(l("Espace des partenaires", "Partners' area"), 150),
  };
  return { venueId: venue.id, rooms };
}

/** Loads both demo editions into an empty database; does nothing when an edition exists. */
export async function loadDemoData(db: Kysely<DB>): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom("edition").select("id").limit(1).executeTakeFirst();
    if (existing) return false;
    for (const edition of editions) {
      const { venueId, rooms } = await insertVenue(tx);
      const { id: editionId } = await tx
        .insertInto("edition")
        .values({
          number: edition.number,
          year: edition.year,
          title: json(title),
          theme: json(edition.theme),
          summary: json(edition.summary),
          venue_id: venueId,
          registration_opens_at: edition.opensAt,
          registration_closes_at: edition.closesAt,
          hashtag: edition.hashtag,
          honour_text: json(edition.honourText),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      // The same person speaks at both editions: a speaker belongs to one edition's programme.
      const president = await tx
        .insertInto("speaker")
        .values({
          edition_id: editionId,
          name: "Michaël Delafosse",
          role: json(
            l(
              "Président de Cités Unies France, maire de Montpellier, président de Montpellier Méditerranée Métropole",
              "President of Cités Unies France, Mayor of Montpellier, President of Montpellier Méditerranée Métropole",
            ),
          ),
          organisation: "Cités Unies France",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx
        .insertInto("edition_contact")
        .values({
          edition_id: editionId,
          name: "Cités Unies France",
          role: json(l("Programme et inscriptions en ligne", "Programme and online registration")),
          email: "coop-dec@cites-unies-france.org",
          phone: "+33 1 53 41 81 81",
        })
        .execute();
      await tx
        .insertInto("edition_link")
        .values(edition.links.map((link, position) => ({ ...link, label: json(link.label), edition_id: editionId, position })))
        .execute();
      await tx
        .insertInto("supporter")
        .values(
          edition.supporters.map((supporter, position) => ({
            edition_id: editionId,
            name: json(supporter.name),
            acronym: supporter.acronym ? json(supporter.acronym) : null,
            role: supporter.role,
            note: supporter.note ? json(supporter.note) : null,
            website: supporter.website,
            position,
          })),
        )
        .execute();
      await insertDemoRelays(tx, editionId, edition.year);
      await tx
        .insertInto("practical_section")
        .values(demoPracticalSections.map((section, position) => ({ edition_id: editionId, title: json(section.title), body: json(section.body), position })))
        .execute();
      await tx
        .insertInto("registration_question")
        .values(demoQuestions.map((question, position) => ({ ...question, edition_id: editionId, position })))
        .execute();
      for (const { day, sessions } of edition.days) {
        const { id: dayId } = await tx
          .insertInto("edition_day")
          .values({ edition_id: editionId, day })
          .returning("id")
          .executeTakeFirstOrThrow();
        for (const [position, session] of sessions.entries()) {
          const { id: sessionId } = await tx
            .insertInto("session")
            .values({
              edition_id: editionId,
              day_id: dayId,
              starts_at: `${day}T${session.start}:00+02:00`,
              ends_at: `${day}T${session.end}:00+02:00`,
              kind: session.kind,
              title: json(session.title),
              description: session.description ? json(session.description) : null,
              room_id: session.room ? rooms[session.room] : null,
              capacity: session.capacity ?? null,
              requires_signup: session.capacity !== undefined,
              position,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          if (session.speakers) {
            await tx
              .insertInto("session_speaker")
              .values({ session_id: sessionId, speaker_id: president.id, role: "speaker" })
              .execute();
          }
        }
      }
    }
    return true;
  });
}
