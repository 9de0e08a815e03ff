import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { emptyFilter, type RegistrationFilter } from "~/features/segments/filter";
import { formatDays } from "~/lib/format";

/** Every confirmed registration: whom the demo reminders go to. */
const confirmed: RegistrationFilter = { ...emptyFilter, include: { status: ["confirmed"] } };

/**
 * The two reminders of each demo edition: a week before the first day, the practical
 * information (dates, venue) and each person's agenda; the day after the last day, a thank-you.
 * Facts only, from the edition itself.
 */
export async function loadDemoReminders(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const editions = await tx
      .selectFrom("edition")
      .innerJoin("venue", "venue.id", "edition.venue_id")
      .select(["edition.id", "edition.year", "venue.name", "venue.street_address", "venue.postal_code", "venue.locality"])
      .execute();
    for (const edition of editions) {
      const existing = await tx.selectFrom("message").select("id").where("edition_id", "=", edition.id).where("kind", "=", "reminder").limit(1).executeTakeFirst();
      if (existing) continue;
      const days = (await tx.selectFrom("edition_day").select("day").where("edition_id", "=", edition.id).orderBy("day").execute()).map((row) => row.day);
      if (days.length === 0) continue;
      const address = `${edition.name}, ${edition.street_address}, ${edition.postal_code} ${edition.locality}`;
      const reminders = [
        {
          anchor: "start" as const,
          offset_days: -7,
          send_time: "09:00",
          subject: { fr: "{edition}\u202f: dans une semaine", en: "{edition}: one week to go" },
          body: {
            fr: [
              "Bonjour {first_name},",
              `Les Rencontres ont lieu ${formatDays(days, "fr")}, à ${address}.`,
              "Votre agenda\u202f:",
              "{agenda}",
              "Votre inscription et votre agenda, à jour, dans votre espace\u202f: {registration_link}",
            ].join("\n\n"),
            en: [
              "Hello {first_name},",
              `The Rencontres take place ${formatDays(days, "en")}, at ${address}.`,
              "Your agenda:",
              "{agenda}",
              "Your registration and your agenda, up to date, in your space: {registration_link}",
            ].join("\n\n"),
          },
        },
        {
          anchor: "end" as const,
          offset_days: 1,
          send_time: "10:00",
          subject: { fr: "{edition}\u202f: merci", en: "{edition}: thank you" },
          body: {
            fr: ["Bonjour {first_name},", "Merci d'avoir participé aux Rencontres.", "Votre espace\u202f: {registration_link}"].join("\n\n"),
            en: ["Hello {first_name},", "Thank you for taking part in the Rencontres.", "Your space: {registration_link}"].join("\n\n"),
          },
        },
      ];
      for (const reminder of reminders) {
        await tx
          .insertInto("message")
          .values({
            edition_id: edition.id,
            kind: "reminder",
            status: "scheduled",
            subject: JSON.stringify(reminder.subject),
            body: JSON.stringify(reminder.body),
            filter: JSON.stringify(confirmed),
            anchor: reminder.anchor,
            offset_days: reminder.offset_days,
            send_time: reminder.send_time,
          })
          .execute();
      }
    }
  });
}
