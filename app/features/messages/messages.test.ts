import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { openPostgres } from "~/db/connection.server";
import type { DB } from "~/db/schema";
import type { BackOfficeAccess } from "~/features/organisers/organisers.server";
import { register } from "~/features/registration/registration.server";
import { emptyFilter, type RegistrationFilter } from "~/features/segments/filter";
import { AppError } from "~/lib/errors";
import { databaseKinds, useTestDatabase, type TestDatabase } from "~/test/database";
import { createEdition, createPerson, personFields, registrationRequest, signedInOrganiser } from "~/test/factories";
import {
  confirmMessage,
  deliveryReport,
  previewMessage,
  queueMessageBatches,
  reviewRecipients,
  saveMessage,
  searchRecipients,
  sendDueReminders,
  sendTestMessage,
  type MessageContent,
} from "./messages.server";

const now = new Date("2026-05-01T10:00:00Z");
const publicUrl = "https://rencontres.example.org";

const content = (filter: RegistrationFilter, overrides: Partial<MessageContent> = {}): MessageContent => ({
  subject: { fr: "Bonjour {first_name}", en: "Hello {first_name}" },
  body: { fr: "Bonjour {name},\n\nVotre agenda :\n\n{agenda}\n\nVotre espace : {registration_link}", en: "Hello {name},\n\nYour agenda:\n\n{agenda}\n\nYour space: {registration_link}" },
  filter,
  ...overrides,
});

describe.each(databaseKinds)("messages to participants on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = (): Kysely<DB> => database().db;
  let editionId: number;
  let year: number;
  let access: BackOfficeAccess;
  /** Registrations of the edition: French and English speakers, one hostile name, one cancelled. */
  const people: { id: number; email: string; language: "fr" | "en"; given: string }[] = [];

  async function registerOne(family: string, language: "fr" | "en", status: "confirmed" | "cancelled" = "confirmed", given = "Camille") {
    const person = await createPerson(db(), { language });
    const { id } = await register(db(), registrationRequest(editionId, person, { fields: personFields({ email: person.email, family_name: family, given_name: given, city: "Zanzibar" }) }));
    await db().updateTable("registration").set({ status }).where("id", "=", id).execute();
    people.push({ id, email: person.email, language, given });
    return id;
  }

  beforeAll(async () => {
    editionId = await createEdition(db());
    ({ year } = await db().selectFrom("edition").select("year").where("id", "=", editionId).executeTakeFirstOrThrow());
    await db()
      .insertInto("edition_day")
      .values([
        { edition_id: editionId, day: `${year}-07-09` },
        { edition_id: editionId, day: `${year}-07-10` },
      ])
      .execute();
    ({ access } = await signedInOrganiser(db(), year, now));
    await registerOne("Dubois", "fr");
    await registerOne("Smith", "en");
    await registerOne("Jones", "en");
    await registerOne("Hostile", "fr", "confirmed", '<img src=x onerror=alert(1)> =HYPERLINK("http://evil.example")');
    await registerOne("Parti", "fr", "cancelled");
  });

  const confirmed: RegistrationFilter = { ...emptyFilter, q: "zanzibar", include: { status: ["confirmed"] } };
  const outboxOf = (messageId: number) =>
    db()
      .selectFrom("message_recipient")
      .innerJoin("mail_outbox", "mail_outbox.id", "message_recipient.outbox_id")
      .where("message_recipient.message_id", "=", messageId)
      .select(["message_recipient.registration_id", "mail_outbox.to_address", "mail_outbox.language", "mail_outbox.subject", "mail_outbox.html_body", "mail_outbox.text_body", "mail_outbox.priority"])
      .orderBy("message_recipient.registration_id")
      .execute();

  it("refuses a placeholder it does not know, and an empty text, before anything is saved", async () => {
    await expect(saveMessage(db(), access, { content: content(confirmed, { subject: { fr: "Bonjour {prenom}", en: "Hello" } }), now })).rejects.toMatchObject({ code: "message_placeholder_unknown" });
    await expect(saveMessage(db(), access, { content: content(confirmed, { subject: { fr: "{agenda}", en: "Hello" } }), now })).rejects.toMatchObject({ code: "message_placeholder_unknown" });
    await expect(saveMessage(db(), access, { content: content(confirmed, { body: { fr: "  ", en: "Hi" } }), now })).rejects.toMatchObject({ code: "message_body_invalid" });
    expect(await db().selectFrom("message").select("id").where("edition_id", "=", editionId).execute()).toEqual([]);
  });

  it("counts the recipients per language, previews as any of them, sends a test that counts for no one, then freezes them at confirmation", async () => {
    const messageId = await saveMessage(db(), access, { content: content(confirmed), now });
    expect(await reviewRecipients(db(), access, messageId)).toEqual({ total: 4, byLanguage: { fr: 2, en: 2 } });
    const found = await searchRecipients(db(), access, messageId, "smith");
    expect(found.map((choice) => choice.language)).toEqual(["en"]);
    // The cancelled registration is not among the recipients: no preview as that person.
    const cancelled = people.find((person) => person.language === "fr" && person.id === people[4]!.id)!;
    await expect(previewMessage(db(), access, { messageId, registrationId: cancelled.id, publicUrl })).rejects.toMatchObject({ code: "message_recipient_not_found" });

    const preview = await previewMessage(db(), access, { messageId, registrationId: found[0]!.registrationId, publicUrl });
    expect(preview).toMatchObject({ language: "en", subject: "Hello Camille" });
    expect(preview.text).toContain("Your space: https://rencontres.example.org/en/my-space");
    expect(preview.html).toContain('lang="en"');

    await sendTestMessage(db(), access, { messageId, registrationId: found[0]!.registrationId, now, publicUrl });
    const test = await db().selectFrom("mail_outbox").select(["to_address", "subject", "priority"]).where("to_address", "=", access.email).executeTakeFirstOrThrow();
    expect(test).toEqual({ to_address: access.email, subject: "[TEST] Hello Camille", priority: 0 });

    // One more confirmed person registers after the review: the confirmation says 4, the filter now reaches 5.
    const late = await registerOne("Retard", "en");
    const changed = await confirmMessage(db(), access, { messageId, expected: 4, now });
    expect(changed).toEqual({ changed: { total: 5, byLanguage: { fr: 2, en: 3 } } });
    expect(await db().selectFrom("message_recipient").select("registration_id").where("message_id", "=", messageId).execute()).toEqual([]);
    expect(await confirmMessage(db(), access, { messageId, expected: 5, now })).toEqual({ count: 5 });
    await expect(confirmMessage(db(), access, { messageId, expected: 5, now })).rejects.toMatchObject({ code: "message_not_editable" });

    // Frozen: someone confirmed afterwards is not a recipient.
    await registerOne("Après", "fr");
    expect(await reviewRecipients(db(), access, messageId)).toEqual({ total: 5, byLanguage: { fr: 2, en: 3 } });
    expect(await db().selectFrom("message").select(["status", "recipient_count"]).where("id", "=", messageId).executeTakeFirstOrThrow()).toEqual({ status: "sending", recipient_count: 5 });
    void late;

    expect(await queueMessageBatches(db(), now, publicUrl)).toBe(5);
    const mails = await outboxOf(messageId);
    expect(mails).toHaveLength(5);
    for (const mail of mails) {
      const person = people.find((candidate) => candidate.id === mail.registration_id)!;
      expect(mail).toMatchObject({ to_address: person.email, language: person.language, priority: 1 });
      if (person.given === "Camille") expect(mail.subject).toBe(person.language === "fr" ? "Bonjour Camille" : "Hello Camille");
    }
    // What the hostile participant typed stays text in the e-mail.
    const hostile = mails.find((mail) => mail.registration_id === people[3]!.id)!;
    expect(hostile.html_body).not.toMatch(/<img|href="http:\/\/evil/);
    expect(hostile.html_body).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(hostile.text_body).not.toContain("http://evil.example");
    // A subject is one line of plain text; the address a name holds is not a link there either.
    expect(hostile.subject).toBe('Bonjour <img src=x onerror=alert(1)> =HYPERLINK("http:\u200b/\u200b/\u200bevil.\u200bexample")');

    expect(await db().selectFrom("message").select("status").where("id", "=", messageId).executeTakeFirstOrThrow()).toEqual({ status: "queued" });
    await db().updateTable("mail_outbox").set({ status: "sent" }).where("id", "in", db().selectFrom("message_recipient").select("outbox_id").where("message_id", "=", messageId).where("registration_id", "<>", people[1]!.id)).execute();
    await db().updateTable("mail_outbox").set({ status: "failed", last_error: "550 Mailbox unavailable", attempts: 1 }).where("id", "in", db().selectFrom("message_recipient").select("outbox_id").where("message_id", "=", messageId).where("registration_id", "=", people[1]!.id)).execute();
    const report = await deliveryReport(db(), access, messageId);
    expect(report).toMatchObject({ total: 5, waiting: 0, pending: 0, sent: 4, failed: 1, purged: 0 });
    expect(report.failures).toEqual([{ registrationId: people[1]!.id, name: "Camille Smith", email: people[1]!.email, attempts: 1, error: "550 Mailbox unavailable" }]);

    const log = await db().selectFrom("audit_log").select("action").where("edition_id", "=", editionId).where("subject_type", "=", "message").orderBy("id").execute();
    expect(log.map((entry) => entry.action)).toEqual(["message.create", "message.test", "message.confirm"]);
  });

  it("queues in batches that resume where a stopped process left, and two processes at once never queue anyone twice", async () => {
    const extra = [];
    for (let index = 0; index < 23; index++) extra.push(await registerOne(`Batch${index}`, index % 3 === 0 ? "en" : "fr"));
    const filter: RegistrationFilter = { ...emptyFilter, q: "batch" };
    const first = await saveMessage(db(), access, { content: content(filter), now });
    expect(await confirmMessage(db(), access, { messageId: first, expected: 23, now })).toEqual({ count: 23 });
    // A process that stops after one batch (killed between two transactions) has queued that batch and nothing else.
    expect(await queueMessageBatches(db(), now, publicUrl, { batchSize: 5, limit: 5 })).toBe(5);
    expect(await outboxOf(first)).toHaveLength(5);
    expect(await db().selectFrom("message").select("status").where("id", "=", first).executeTakeFirstOrThrow()).toEqual({ status: "sending" });

    const second = await saveMessage(db(), access, { content: content(filter, { subject: { fr: "Deuxième {first_name}", en: "Second {first_name}" } }), now });
    expect(await confirmMessage(db(), access, { messageId: second, expected: 23, now })).toEqual({ count: 23 });
    // Another process on its own connection, as a second server would be.
    const other = kind === "postgres" ? await openPostgres((database() as TestDatabase).url!) : undefined;
    try {
      const counts = await Promise.all([
        queueMessageBatches(db(), now, publicUrl, { batchSize: 4 }),
        queueMessageBatches(other?.db ?? db(), now, publicUrl, { batchSize: 4 }),
        queueMessageBatches(db(), now, publicUrl, { batchSize: 7 }),
      ]);
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(18 + 23);
    } finally {
      await other?.close();
    }
    for (const messageId of [first, second]) {
      const mails = await outboxOf(messageId);
      expect(mails).toHaveLength(23);
      expect(new Set(mails.map((mail) => mail.to_address)).size).toBe(23);
      const all = await db().selectFrom("mail_outbox").select("to_address").where("subject", "like", messageId === first ? "Bonjour %" : "Deuxième %").where("to_address", "in", mails.map((mail) => mail.to_address)).execute();
      const french = mails.filter((mail) => mail.language === "fr").length;
      expect(all).toHaveLength(french);
    }
    expect(await db().selectFrom("message").select("status").where("id", "in", [first, second]).execute()).toEqual([{ status: "queued" }, { status: "queued" }]);
    expect(await queueMessageBatches(db(), now, publicUrl)).toBe(0);
  });

  it("starts a reminder at its time exactly once, even with two processes at once, and marks one a day late as missed", async () => {
    const filter: RegistrationFilter = { ...emptyFilter, q: "dubois" };
    const weekBefore = await saveMessage(db(), access, { content: content(filter, { reminder: { anchor: "start", offsetDays: -7, time: "09:00", enabled: true } }), now });
    const dayAfter = await saveMessage(db(), access, { content: content(filter, { reminder: { anchor: "end", offsetDays: 1, time: "10:00", enabled: true } }), now });
    const off = await saveMessage(db(), access, { content: content(filter, { reminder: { anchor: "start", offsetDays: -7, time: "09:00", enabled: false } }), now });
    // 2 July, 09:00 in Paris.
    const due = new Date(`${year}-07-02T07:00:00Z`);
    expect(await sendDueReminders(db(), new Date(due.getTime() - 60_000))).toEqual({ started: [], missed: [] });
    const other = kind === "postgres" ? await openPostgres((database() as TestDatabase).url!) : undefined;
    try {
      const at = new Date(due.getTime() + 60_000);
      const outcomes = await Promise.all([sendDueReminders(db(), at), sendDueReminders(other?.db ?? db(), at), sendDueReminders(db(), at)]);
      expect(outcomes.flatMap((outcome) => outcome.started)).toEqual([weekBefore]);
      await Promise.all([queueMessageBatches(db(), at, publicUrl), queueMessageBatches(other?.db ?? db(), at, publicUrl)]);
    } finally {
      await other?.close();
    }
    const mails = await outboxOf(weekBefore);
    expect(mails.map((mail) => mail.registration_id)).toEqual([people[0]!.id]);
    expect(await sendDueReminders(db(), new Date(due.getTime() + 3600_000))).toEqual({ started: [], missed: [] });

    // The day after the end, checked two days late: not sent, marked missed.
    const late = new Date(`${year}-07-13T10:00:00Z`);
    expect(await sendDueReminders(db(), late)).toEqual({ started: [], missed: [dayAfter] });
    expect(await db().selectFrom("message").select(["id", "status"]).where("id", "in", [weekBefore, dayAfter, off]).orderBy("id").execute()).toEqual([
      { id: weekBefore, status: "queued" },
      { id: dayAfter, status: "missed" },
      { id: off, status: "draft" },
    ]);
    expect(await db().selectFrom("message_recipient").select("registration_id").where("message_id", "=", dayAfter).execute()).toEqual([]);
    const log = await db().selectFrom("audit_log").select(["action", "actor_person_id"]).where("edition_id", "=", editionId).where("action", "like", "reminder.%").where("action", "in", ["reminder.start", "reminder.missed"]).orderBy("id").execute();
    expect(log).toEqual([
      { action: "reminder.start", actor_person_id: null },
      { action: "reminder.missed", actor_person_id: null },
    ]);
    // A started reminder can no longer be changed.
    await expect(saveMessage(db(), access, { messageId: weekBefore, content: content(filter, { reminder: { anchor: "start", offsetDays: -6, time: "09:00", enabled: true } }), now })).rejects.toBeInstanceOf(AppError);
  });
});
