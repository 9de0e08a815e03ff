import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { composeMail } from "./compose";
import { enqueueMail } from "./outbox.server";
import { startTestSmtpServer, type TestSmtpServer } from "./test-smtp-server";
import { claimDueMail, createMailTransport, leaseMs, maxAttempts, retryDelayMs, sendDueMail } from "./worker.server";

const from = "Rencontres AICT <no-reply@rencontres.test>";
// Later than any message the tests enqueue (they are due from the database's own clock).
const start = new Date("2100-01-01T08:00:00Z");
const at = (instant: Date) => () => instant;
const later = (instant: Date, ms: number) => new Date(instant.getTime() + ms);

const calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rencontres//FR\r\nSUMMARY:Séance d'ouverture\r\nEND:VCALENDAR\r\n";

describe.each(databaseKinds)("mail worker on %s", (kind) => {
  const database = useTestDatabase(kind);
  let smtp: TestSmtpServer;
  let transport: ReturnType<typeof createMailTransport>;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    transport = createMailTransport(smtp.url, from);
  });
  afterAll(async () => {
    transport.close();
    await smtp.close();
  });
  beforeEach(async () => {
    await database().db.deleteFrom("mail_outbox").execute();
    smtp.received.length = 0;
    smtp.refuseRecipients = false;
  });

  const outbox = (id: number) => database().db.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  function enqueueSimple(to: string, subject: string) {
    return enqueueMail(database().db, { to, language: "en", subject, text: `${subject}.`, html: `<p>${subject}.</p>` });
  }

  function receivedBy(address: string): ParsedMail {
    const mail = smtp.received.find((message) => message.to && !Array.isArray(message.to) && message.to.value[0]?.address === address);
    if (!mail) throw new Error(`nothing received by ${address}`);
    return mail;
  }

  it("delivers each message in its recipient's language, with plain-text and HTML parts and its attachments", async () => {
    const french = composeMail({
      language: "fr",
      subject: "Votre inscription aux Rencontres 2026 est confirmée",
      paragraphs: ["Bonjour Élodie,", "Votre inscription est confirmée. Votre agenda est joint."],
      action: { label: "Ouvrir mon espace", url: "https://rencontres.test/fr/espace" },
    });
    const english = composeMail({
      language: "en",
      subject: "Sign in to the Rencontres",
      paragraphs: ["Hello,", "Follow this link to sign in."],
      action: { label: "Sign in", url: "https://rencontres.test/en/sign-in/link?token=abc" },
    });
    const frenchId = await enqueueMail(database().db, {
      to: "elodie@example.org",
      language: "fr",
      ...french,
      attachments: [{ filename: "rencontres-2026.ics", contentType: "text/calendar", content: Buffer.from(calendar).toString("base64") }],
    });
    const englishId = await enqueueMail(database().db, { to: "sam@example.org", language: "en", ...english });

    expect(await sendDueMail(database().db, transport, at(start))).toEqual({ sent: 2, retried: 0, failed: 0 });

    expect(smtp.received).toHaveLength(2);
    const frenchMail = receivedBy("elodie@example.org");
    expect(frenchMail.subject).toBe("Votre inscription aux Rencontres 2026 est confirmée");
    expect(frenchMail.from?.value).toEqual([{ name: "Rencontres AICT", address: "no-reply@rencontres.test" }]);
    expect(frenchMail.headers.get("content-language")).toBe("fr");
    expect(frenchMail.text).toContain("Votre inscription est confirmée. Votre agenda est joint.");
    expect(frenchMail.text).toContain("https://rencontres.test/fr/espace");
    expect(frenchMail.html).toContain('<html lang="fr">');
    expect(frenchMail.html).toContain("Bonjour Élodie,");
    expect(frenchMail.attachments).toHaveLength(1);
    expect(frenchMail.attachments[0]?.filename).toBe("rencontres-2026.ics");
    expect(frenchMail.attachments[0]?.contentType).toBe("text/calendar");
    expect(frenchMail.attachments[0]?.content.toString("utf8")).toBe(calendar);

    const englishMail = receivedBy("sam@example.org");
    expect(englishMail.subject).toBe("Sign in to the Rencontres");
    expect(englishMail.headers.get("content-language")).toBe("en");
    expect(englishMail.text).toContain("https://rencontres.test/en/sign-in/link?token=abc");
    expect(englishMail.html).toContain('<html lang="en">');
    expect(englishMail.attachments).toEqual([]);

    for (const id of [frenchId, englishId]) {
      expect(await outbox(id)).toMatchObject({ status: "sent", sent_at: start, attempts: 1, locked_until: null, last_error: null });
    }
    expect(await sendDueMail(database().db, transport, at(later(start, 3_600_000)))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(2);
  });

  it("keeps a refused message for a later attempt, with its error, then delivers it", async () => {
    const id = await enqueueSimple("refused@example.org", "Retry me");
    smtp.refuseRecipients = true;

    expect(await sendDueMail(database().db, transport, at(start))).toEqual({ sent: 0, retried: 1, failed: 0 });
    const refused = await outbox(id);
    expect(refused).toMatchObject({ status: "pending", attempts: 1, locked_until: null, next_attempt_at: later(start, retryDelayMs(1)) });
    expect(refused.last_error).toMatch(/450 Mailbox temporarily unavailable/);

    smtp.refuseRecipients = false;
    expect(await sendDueMail(database().db, transport, at(later(start, retryDelayMs(1) - 1)))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);

    expect(await sendDueMail(database().db, transport, at(refused.next_attempt_at))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(receivedBy("refused@example.org").subject).toBe("Retry me");
    expect(await outbox(id)).toMatchObject({ status: "sent", attempts: 2, last_error: null, sent_at: refused.next_attempt_at });
  });

  it("waits twice as long after each failure and gives the message up after the last attempt", async () => {
    const id = await enqueueSimple("nobody@example.org", "Never delivered");
    smtp.refuseRecipients = true;
    let now = start;
    for (let attempt = 1; attempt < maxAttempts; attempt += 1) {
      expect(await sendDueMail(database().db, transport, at(now))).toEqual({ sent: 0, retried: 1, failed: 0 });
      const row = await outbox(id);
      expect(row).toMatchObject({ status: "pending", attempts: attempt });
      expect(row.next_attempt_at.getTime() - now.getTime()).toBe(60_000 * 2 ** (attempt - 1));
      now = row.next_attempt_at;
    }
    expect(await sendDueMail(database().db, transport, at(now))).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await outbox(id)).toMatchObject({ status: "failed", attempts: maxAttempts, sent_at: null });

    smtp.refuseRecipients = false;
    expect(await sendDueMail(database().db, transport, at(later(now, 30 * 86_400_000)))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it("leaves a message claimed by another process alone until its lease ends", async () => {
    const id = await enqueueSimple("leased@example.org", "Claimed elsewhere");
    // Another process claimed it, then died before sending.
    expect((await claimDueMail(database().db, start)).map((row) => row.id)).toEqual([id]);

    expect(await sendDueMail(database().db, transport, at(later(start, leaseMs - 1)))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await sendDueMail(database().db, transport, at(later(start, leaseMs)))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received.map((mail) => mail.subject)).toEqual(["Claimed elsewhere"]);
  });

  it("sends each message once when two workers run at the same time", async () => {
    const subjects = Array.from({ length: 24 }, (_, index) => `Message ${index + 1}`);
    for (const subject of subjects) await enqueueSimple("crowd@example.org", subject);
    const otherTransport = createMailTransport(smtp.url, from);

    const passes = await Promise.all([
      sendDueMail(database().db, transport, at(start)),
      sendDueMail(database().db, otherTransport, at(start)),
    ]);
    otherTransport.close();

    expect(passes.reduce((total, pass) => total + pass.sent, 0)).toBe(subjects.length);
    expect(smtp.received.map((mail) => mail.subject).sort()).toEqual([...subjects].sort());
    const statuses = await database().db.selectFrom("mail_outbox").select("status").distinct().execute();
    expect(statuses).toEqual([{ status: "sent" }]);
  });

  it.runIf(kind === "postgres")("skips messages another transaction holds instead of waiting for them", async () => {
    const held = await enqueueSimple("held@example.org", "Held");
    await enqueueSimple("free@example.org", "Free");
    await database().db.transaction().execute(async (trx) => {
      await trx.selectFrom("mail_outbox").select("id").where("id", "=", held).forUpdate().execute();
      // On another connection of the pool: waiting for the held row would never end.
      expect(await sendDueMail(database().db, transport, at(start))).toEqual({ sent: 1, retried: 0, failed: 0 });
    });
    expect(smtp.received.map((mail) => mail.subject)).toEqual(["Free"]);
    expect(await outbox(held)).toMatchObject({ status: "pending", attempts: 0, locked_until: null });
  });
});
