// The measured part of bench/copy-edition.ts, loaded through Vite (the migrations are read with
// import.meta.glob, which only Vite provides).
import { openPglite } from "../app/db/connection.server";
import { migrate } from "../app/db/migrate.server";
import { openSignInSession } from "../app/features/accounts/sign-in-sessions.server";
import { copyEdition } from "../app/features/editions/copy.server";
import { loadDemoData } from "../app/features/editions/demo-data.server";
import { requireBackOffice } from "../app/features/organisers/organisers.server";
import { onceOnly, newSubmissionKey } from "../app/lib/once.server";

const SESSIONS = 100;
const QUESTIONS = 30;
const COPIES = 10;
const now = new Date("2026-11-02T10:00:00Z");

export async function run(): Promise<void> {
  const connection = await openPglite(undefined);
  await migrate(connection);
  await loadDemoData(connection.db);
  const db = connection.db;

  // The 2026 demo edition, grown to SESSIONS sessions (with speakers) and QUESTIONS questions.
  const edition = await db
    .selectFrom("edition")
    .selectAll()
    .where("year", "=", 2026)
    .executeTakeFirstOrThrow();
  const days = await db
    .selectFrom("edition_day")
    .select(["id", "day"])
    .where("edition_id", "=", edition.id)
    .orderBy("day")
    .execute();
  const existing = await db
    .selectFrom("session")
    .select("id")
    .where("edition_id", "=", edition.id)
    .execute();
  // Speakers belong to one edition: a session takes one of its own.
  const speaker = await db
    .selectFrom("speaker")
    .select("id")
    .where("edition_id", "=", edition.id)
    .executeTakeFirst();
  for (let index = existing.length; index < SESSIONS; index += 1) {
    const day = days[index % days.length]!;
    const hour = 8 + (index % 10);
    const { id } = await db
      .insertInto("session")
      .values({
        edition_id: edition.id,
        day_id: day.id,
        starts_at: `${day.day}T${String(hour).padStart(2, "0")}:00:00+02:00`,
        ends_at: `${day.day}T${String(hour).padStart(2, "0")}:45:00+02:00`,
        kind: "workshop_thematic",
        title: JSON.stringify({
          fr: `Atelier ${index}`,
          en: `Workshop ${index}`,
        }),
        description: JSON.stringify({
          fr: "Un atelier de démonstration.",
          en: "A demonstration workshop.",
        }),
        capacity: 40,
        requires_signup: true,
        position: index,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (speaker)
      await db
        .insertInto("session_speaker")
        .values({ session_id: id, speaker_id: speaker.id, role: "speaker" })
        .execute();
  }
  const questionCount = (
    await db
      .selectFrom("registration_question")
      .select("id")
      .where("edition_id", "=", edition.id)
      .execute()
  ).length;
  for (let index = questionCount; index < QUESTIONS; index += 1) {
    await db
      .insertInto("registration_question")
      .values({
        edition_id: edition.id,
        kind: "choice",
        label: JSON.stringify({
          fr: `Question ${index}`,
          en: `Question ${index}`,
        }),
        options: JSON.stringify([
          { value: "a", label: { fr: "Oui", en: "Yes" } },
          { value: "b", label: { fr: "Non", en: "No" } },
        ]),
        position: index,
      })
      .execute();
  }

  const { id: ownerId } = await db
    .insertInto("person")
    .values({ email: "bench-owner@example.org" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("staff_role")
    .values({ person_id: ownerId, edition_id: null, role: "owner" })
    .execute();
  const { token } = await openSignInSession(db, ownerId, now);
  // The owner has passed a second factor, as the back office asks.
  await db.updateTable("auth_session").set({ second_factor_at: now }).where("person_id", "=", ownerId).execute();
  const request = new Request(
    "http://localhost:3000/fr/2026/organisation/edition",
    { headers: { Cookie: `rencontres_session=${token}` } },
  );
  const { access } = await requireBackOffice(
    request,
    { db, now: () => now, env: { PUBLIC_URL: "http://localhost:3000" } },
    2026,
    "content",
  );

  const timings: number[] = [];
  for (let copy = 0; copy < COPIES; copy += 1) {
    const year = 2030 + copy;
    const started = performance.now();
    await db
      .transaction()
      .execute((tx) =>
        onceOnly(tx, { key: newSubmissionKey(), personId: ownerId, now }, () =>
          copyEdition(
            tx,
            access,
            { year, number: 100 + copy, first_day: `${year}-07-08` },
            now,
          ),
        ),
      );
    timings.push(performance.now() - started);
  }
  const copied = await db
    .selectFrom("session")
    .innerJoin("edition", "edition.id", "session.edition_id")
    .where("edition.year", "=", 2030)
    .select("session.id")
    .execute();
  timings.sort((a, b) => a - b);
  const median =
    ((timings[COPIES / 2 - 1] ?? 0) + (timings[COPIES / 2] ?? 0)) / 2;
  const max = timings.at(-1) ?? 0;
  console.log(
    `copy of an edition (${copied.length} sessions, ${QUESTIONS} questions) on PGlite, ${COPIES} copies`,
  );
  console.log(
    `median ${median.toFixed(0)} ms, max ${max.toFixed(0)} ms (target < 1000 ms): ${max < 1000 ? "ok" : "too slow"}`,
  );
  await connection.close();
}
