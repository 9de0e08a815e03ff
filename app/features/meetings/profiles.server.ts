import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import { meetingProfileConsent, type DB, type LanguageCode, type Localised, type OrganisationType } from "~/db/schema";
import { countryCodes } from "~/features/registration/form";
import { fold, likeLiteral } from "~/features/segments/folding";
import { AppError } from "~/lib/errors";
import { profileLimits } from "./limits";

export const directoryPageSize = 24;
const maxSearchWords = 8;
const knownCountries = new Set(countryCodes);

export interface ProfileFields {
  region: string;
  offer: string;
  seek: string;
  themeIds: number[];
  countries: string[];
  /** The most meetings the person takes; null for no limit of their own. */
  maxMeetings: number | null;
  /** B2B blocks of the programme in which they cannot meet. */
  unavailableBlockIds: number[];
}

/** A B2B block of the edition's programme. */
export interface MeetingBlock {
  id: number;
  title: Localised;
  startsAt: Date;
  endsAt: Date;
}

export interface OwnProfile extends ProfileFields {
  registrationId: number;
  published: boolean;
  photoMediaId: number | null;
}

export interface Theme {
  id: number;
  label: Localised;
}

/** The edition's themes, in the organisers' order. */
export async function listThemes(db: Kysely<DB>, editionId: number): Promise<Theme[]> {
  return db.selectFrom("meeting_theme").where("edition_id", "=", editionId).select(["id", "label"]).orderBy("position").orderBy("id").execute();
}

/** The B2B blocks of an edition, in time order. */
export async function listMeetingBlocks(db: Kysely<DB>, editionId: number): Promise<MeetingBlock[]> {
  return db
    .selectFrom("session")
    .where("edition_id", "=", editionId)
    .where("kind", "=", "b2b")
    .select(["id", "title", "starts_at as startsAt", "ends_at as endsAt"])
    .orderBy("starts_at")
    .orderBy("id")
    .execute();
}

/** The confirmed registration through which a person takes part in B2B meetings. */
async function participantRegistration(db: Kysely<DB>, editionId: number, personId: number): Promise<number> {
  const row = await db
    .selectFrom("registration")
    .where("edition_id", "=", editionId)
    .where("person_id", "=", personId)
    .where("status", "=", "confirmed")
    .where("anonymised_at", "is", null)
    .select("id")
    .executeTakeFirst();
  if (!row) throw new AppError("meeting_not_participant");
  return row.id;
}

/** A person's own profile, empty and unpublished until they write one. */
export async function readOwnProfile(db: Kysely<DB>, request: { editionId: number; personId: number }): Promise<OwnProfile> {
  const registrationId = await participantRegistration(db, request.editionId, request.personId);
  const [profile, themes, countries, unavailable] = await Promise.all([
    db
      .selectFrom("meeting_profile")
      .where("registration_id", "=", registrationId)
      .select(["published_at", "region", "offer", "seek", "photo_media_id", "max_meetings"])
      .executeTakeFirst(),
    db.selectFrom("meeting_profile_theme").where("registration_id", "=", registrationId).select("theme_id").orderBy("theme_id").execute(),
    db.selectFrom("meeting_profile_country").where("registration_id", "=", registrationId).select("country_code").orderBy("country_code").execute(),
    db.selectFrom("meeting_unavailability").where("registration_id", "=", registrationId).select("session_id").orderBy("session_id").execute(),
  ]);
  return {
    registrationId,
    published: Boolean(profile?.published_at),
    region: profile?.region ?? "",
    offer: profile?.offer ?? "",
    seek: profile?.seek ?? "",
    photoMediaId: profile?.photo_media_id ?? null,
    themeIds: themes.map((row) => row.theme_id),
    countries: countries.map((row) => row.country_code),
    maxMeetings: profile?.max_meetings ?? null,
    unavailableBlockIds: unavailable.map((row) => row.session_id),
  };
}

const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();

/** The fields as kept: trimmed, within their limits, themes of the edition, known countries. */
function checkedFields(fields: ProfileFields, editionThemes: ReadonlySet<number>, editionBlocks: ReadonlySet<number>): ProfileFields {
  const region = oneLine(fields.region);
  const offer = fields.offer.trim();
  const seek = fields.seek.trim();
  if (region.length > profileLimits.region || offer.length > profileLimits.offer || seek.length > profileLimits.seek) {
    throw new AppError("meeting_profile_too_long");
  }
  const themeIds = [...new Set(fields.themeIds)];
  if (themeIds.length > profileLimits.themes || themeIds.some((id) => !editionThemes.has(id))) throw new AppError("meeting_profile_themes_invalid");
  const countries = [...new Set(fields.countries)];
  if (countries.length > profileLimits.countries || countries.some((code) => !knownCountries.has(code))) {
    throw new AppError("meeting_profile_countries_invalid");
  }
  const { maxMeetings } = fields;
  if (maxMeetings !== null && !(Number.isInteger(maxMeetings) && maxMeetings >= 0 && maxMeetings <= profileLimits.maxMeetings)) {
    throw new AppError("meeting_profile_max_invalid");
  }
  const unavailableBlockIds = [...new Set(fields.unavailableBlockIds)];
  if (unavailableBlockIds.some((id) => !editionBlocks.has(id))) throw new AppError("meeting_profile_blocks_invalid");
  return { region, offer, seek, themeIds, countries, maxMeetings, unavailableBlockIds };
}

/**
 * Keeps a person's profile and, when they publish or withdraw it, records that decision with the
 * text they were shown, as every consent is kept. A profile is published only with that consent.
 */
export async function saveOwnProfile(
  db: Kysely<DB>,
  request: {
    editionId: number;
    personId: number;
    fields: ProfileFields;
    publish: boolean;
    consentText: string;
    language: LanguageCode;
    now: Date;
  },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const registrationId = await participantRegistration(tx, request.editionId, request.personId);
    // One change at a time per person: two tabs saving at once cannot record the consent twice.
    await tx.selectFrom("registration").where("id", "=", registrationId).select("id").forUpdate().execute();
    const [themes, blocks] = await Promise.all([listThemes(tx, request.editionId), listMeetingBlocks(tx, request.editionId)]);
    const fields = checkedFields(request.fields, new Set(themes.map((theme) => theme.id)), new Set(blocks.map((block) => block.id)));
    const before = await tx.selectFrom("meeting_profile").where("registration_id", "=", registrationId).select("published_at").executeTakeFirst();
    const wasPublished = Boolean(before?.published_at);
    const publishedAt = request.publish ? (before?.published_at ?? request.now) : null;
    await tx
      .insertInto("meeting_profile")
      .values({
        registration_id: registrationId,
        edition_id: request.editionId,
        published_at: publishedAt,
        region: fields.region,
        offer: fields.offer,
        seek: fields.seek,
        max_meetings: fields.maxMeetings,
        updated_at: request.now,
      })
      .onConflict((conflict) =>
        conflict.column("registration_id").doUpdateSet({
          published_at: publishedAt,
          region: fields.region,
          offer: fields.offer,
          seek: fields.seek,
          max_meetings: fields.maxMeetings,
          updated_at: request.now,
        }),
      )
      .execute();
    await tx.deleteFrom("meeting_profile_theme").where("registration_id", "=", registrationId).execute();
    if (fields.themeIds.length > 0) {
      await tx
        .insertInto("meeting_profile_theme")
        .values(
          fields.themeIds.map((theme_id) => ({
            registration_id: registrationId,
            theme_id,
          })),
        )
        .execute();
    }
    await tx.deleteFrom("meeting_profile_country").where("registration_id", "=", registrationId).execute();
    if (fields.countries.length > 0) {
      await tx
        .insertInto("meeting_profile_country")
        .values(
          fields.countries.map((country_code) => ({
            registration_id: registrationId,
            country_code,
          })),
        )
        .execute();
    }
    await tx.deleteFrom("meeting_unavailability").where("registration_id", "=", registrationId).execute();
    if (fields.unavailableBlockIds.length > 0) {
      await tx
        .insertInto("meeting_unavailability")
        .values(fields.unavailableBlockIds.map((session_id) => ({ registration_id: registrationId, session_id })))
        .execute();
    }
    if (wasPublished !== request.publish) {
      await tx
        .insertInto("consent")
        .values({
          registration_id: registrationId,
          kind: meetingProfileConsent,
          granted: request.publish,
          text_shown: request.consentText,
          language: request.language,
          recorded_at: request.now,
          given_by_person_id: request.personId,
        })
        .execute();
    }
  });
}

export interface DirectoryQuery {
  q: string;
  themeIds: number[];
  /** Where they come from or act. */
  countries: string[];
  organisationTypes: OrganisationType[];
  /** A language they speak. */
  language: string;
  page: number;
}

export interface DirectoryEntry {
  registrationId: number;
  givenName: string;
  familyName: string;
  organisationName: string;
  organisationType: OrganisationType;
  countryCode: string;
  city: string;
  region: string;
  languages: string[];
  themeIds: number[];
  countries: string[];
  offer: string;
  seek: string;
  photoMediaId: number | null;
}

/**
 * The published profiles of an edition's confirmed participants, for another of them: searched
 * by words (folded for case and accents, in the name, organisation, city, region, offer and
 * seek), and filtered by theme, country, organisation type and spoken language.
 */
export async function searchDirectory(
  db: Kysely<DB>,
  request: { editionId: number; viewerPersonId: number; query: DirectoryQuery },
): Promise<{
  entries: DirectoryEntry[];
  total: number;
  page: number;
  pageCount: number;
  viewerRegistrationId: number;
}> {
  const viewerRegistrationId = await participantRegistration(db, request.editionId, request.viewerPersonId);
  const { query } = request;
  const words = fold(query.q).split(" ").filter(Boolean).slice(0, maxSearchWords);
  const base = db
    .selectFrom("meeting_profile")
    .innerJoin("registration", "registration.id", "meeting_profile.registration_id")
    .where("meeting_profile.edition_id", "=", request.editionId)
    .where("registration.edition_id", "=", request.editionId)
    .where("meeting_profile.published_at", "is not", null)
    .where("registration.status", "=", "confirmed")
    .where("registration.anonymised_at", "is", null)
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = words.map((word) =>
        eb.or([eb("registration.search_text", "like", `%${likeLiteral(word)}%`), eb("meeting_profile.search_text", "like", `%${likeLiteral(word)}%`)]),
      );
      if (query.themeIds.length > 0) {
        conditions.push(
          eb.exists(
            eb
              .selectFrom("meeting_profile_theme")
              .whereRef("meeting_profile_theme.registration_id", "=", "meeting_profile.registration_id")
              .where("meeting_profile_theme.theme_id", "in", query.themeIds)
              .select(sql`1`.as("one")),
          ),
        );
      }
      if (query.countries.length > 0) {
        conditions.push(
          eb.or([
            eb("registration.country_code", "in", query.countries),
            eb.exists(
              eb
                .selectFrom("meeting_profile_country")
                .whereRef("meeting_profile_country.registration_id", "=", "meeting_profile.registration_id")
                .where("meeting_profile_country.country_code", "in", query.countries)
                .select(sql`1`.as("one")),
            ),
          ]),
        );
      }
      if (query.organisationTypes.length > 0) conditions.push(eb("registration.organisation_type", "in", query.organisationTypes));
      if (query.language) conditions.push(sql<SqlBool>`${query.language} = any(${sql.ref("registration.languages")})`);
      return eb.and(conditions);
    });
  const { total } = await base.select((eb) => eb.fn.countAll<string>().as("total")).executeTakeFirstOrThrow();
  const count = Number(total);
  const pageCount = Math.max(1, Math.ceil(count / directoryPageSize));
  const page = Math.min(Math.max(1, query.page), pageCount);
  const rows = await base
    .select((eb) => [
      "registration.id as registrationId",
      "registration.given_name as givenName",
      "registration.family_name as familyName",
      "registration.organisation_name as organisationName",
      "registration.organisation_type as organisationType",
      "registration.country_code as countryCode",
      "registration.city",
      "registration.languages",
      "meeting_profile.region",
      "meeting_profile.offer",
      "meeting_profile.seek",
      "meeting_profile.photo_media_id as photoMediaId",
      eb.fn
        .coalesce(
          eb
            .selectFrom("meeting_profile_theme")
            .whereRef("meeting_profile_theme.registration_id", "=", "registration.id")
            .select(sql<number[]>`array_agg(theme_id order by theme_id)`.as("ids")),
          sql<number[]>`'{}'::integer[]`,
        )
        .as("themeIds"),
      eb.fn
        .coalesce(
          eb
            .selectFrom("meeting_profile_country")
            .whereRef("meeting_profile_country.registration_id", "=", "registration.id")
            .select(sql<string[]>`array_agg(country_code order by country_code)`.as("codes")),
          sql<string[]>`'{}'::text[]`,
        )
        .as("countries"),
    ])
    .orderBy("registration.sort_name")
    .orderBy("registration.id")
    .limit(directoryPageSize)
    .offset((page - 1) * directoryPageSize)
    .execute();
  return { entries: rows, total: count, page, pageCount, viewerRegistrationId };
}
