import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, useTestDatabase, type TestDatabase } from "~/test/database";
import { composeMail } from "./compose";
import { enqueueMail } from "./outbox.server";
import { startTestSmtpServer, type TestSmtpServer } from "./test-smtp-server";
import {
  claimDueMail,
  createMailTransport,
  defaultConnections,
  isPermanentRefusal,
  leaseMs,
  maxAttempts,
  retryDelayMs,
  senderDomain,
  sendDueMail,
} from "./worker.server";

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
    smtp.refuseRecipients = undefined;
    smtp.refusedAddresses.clear();
    smtp.refuseData = undefined;
    smtp.deliveryDelayMs = 0;
    smtp.dataStarted = 0;
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

  it("sends every message one person waits for before any message to many, whatever their order", async () => {
    for (const subject of ["Newsletter 1", "Newsletter 2"]) {
      await enqueueMail(database().db, { to: "many@example.org", language: "en", subject, text: ".", html: "<p>.</p>", priority: 1 });
    }
    await enqueueSimple("one@example.org", "Sign-in link");

    expect(await sendDueMail(database().db, transport, at(start), { connections: 1, claimSize: 1 })).toEqual({ sent: 3, retried: 0, failed: 0 });
    expect(smtp.received.map((mail) => mail.subject)).toEqual(["Sign-in link", "Newsletter 1", "Newsletter 2"]);
  });

  it("gives every attempt at a message the same Message-ID, derived from the sender's domain", async () => {
    const id = await enqueueSimple("twice@example.org", "Sent again");
    const settings = { messageIdDomain: senderDomain(from) };
    await sendDueMail(database().db, transport, at(start), settings);
    // As if the process had died between the server's acknowledgement and the outbox's update.
    await database().db.updateTable("mail_outbox").set({ status: "pending" }).where("id", "=", id).execute();
    await sendDueMail(database().db, transport, at(start), settings);
    await enqueueSimple("other@example.org", "Another");
    await sendDueMail(database().db, transport, at(start), settings);

    const [first, again, other] = smtp.received.map((mail) => mail.messageId);
    expect(first).toMatch(/^<outbox\.\d+\.[0-9a-z]+@rencontres\.test>$/);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it("sends no more than the rate it is given", async () => {
    const subjects = Array.from({ length: 11 }, (_, index) => `Paced ${index + 1}`);
    for (const subject of subjects) await enqueueSimple("paced@example.org", subject);
    const paced = createMailTransport(smtp.url, from, { ratePerSecond: 5 });
    const started = Date.now();
    expect(await sendDueMail(database().db, paced, at(start))).toEqual({ sent: 11, retried: 0, failed: 0 });
    paced.close();
    // Five in the first second, five in the next, the eleventh in the third.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(smtp.received).toHaveLength(11);
  });

  it("keeps a refused message for a later attempt, with its error, then delivers it", async () => {
    const id = await enqueueSimple("refused@example.org", "Retry me");
    smtp.refuseRecipients = 450;

    expect(await sendDueMail(database().db, transport, at(start))).toEqual({ sent: 0, retried: 1, failed: 0 });
    const refused = await outbox(id);
    expect(refused).toMatchObject({ status: "pending", attempts: 1, locked_until: null, next_attempt_at: later(start, retryDelayMs(1)) });
    expect(refused.last_error).toMatch(/450 Mailbox temporarily unavailable/);

    smtp.refuseRecipients = undefined;
    expect(await sendDueMail(database().db, transport, at(later(start, retryDelayMs(1) - 1)))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);

    expect(await sendDueMail(database().db, transport, at(refused.next_attempt_at))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(receivedBy("refused@example.org").subject).toBe("Retry me");
    expect(await outbox(id)).toMatchObject({ status: "sent", attempts: 2, last_error: null, sent_at: refused.next_attempt_at });
  });

  it("waits twice as long after each failure and gives the message up after the last attempt", async () => {
    const id = await enqueueSimple("nobody@example.org", "Never delivered");
    smtp.refuseRecipients = 450;
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

    smtp.refuseRecipients = undefined;
    expect(await sendDueMail(database().db, transport, at(later(now, 30 * 86_400_000)))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it("gives a message up at once when the server refuses its recipient for good (550 at RCPT TO), and sends the others", async () => {
    const gone = await enqueueSimple("gone@example.org", "Nobody there");
    const fine = await enqueueSimple("fine@example.org", "Somebody there");
    smtp.refusedAddresses.set("gone@example.org", 550);

    expect(await sendDueMail(database().db, transport, at(start))).toEqual({ sent: 1, retried: 0, failed: 1 });
    const refused = await outbox(gone);
    expect(refused).toMatchObject({ status: "failed", attempts: 1, sent_at: null, locked_until: null, claimed_by: null });
    expect(refused.last_error).toMatch(/550 Mailbox unavailable/);
    expect(await outbox(fine)).toMatchObject({ status: "sent", attempts: 1 });

    smtp.refusedAddresses.clear();
    expect(await sendDueMail(database().db, transport, at(later(start, 86_400_000)))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received.map((mail) => mail.subject)).toEqual(["Somebody there"]);
  });

  it("gives a message up at once when the server refuses its content for good (550 after DATA)", async () => {
    const id = await enqueueSimple("content@example.org", "Refused content");
    smtp.refuseData = 550;

    expect(await sendDueMail(database().db, transport, at(start))).toEqual({ sent: 0, retried: 0, failed: 1 });
    const refused = await outbox(id);
    expect(refused).toMatchObject({ status: "failed", attempts: 1 });
    expect(refused.last_error).toMatch(/550 Mailbox unavailable/);
  });

  it("tries again later a message refused for now (451), at RCPT TO or after DATA", async () => {
    const id = await enqueueSimple("later@example.org", "Not now");
    smtp.refuseRecipients = 451;
    expect(await sendDueMail(database().db, transport, at(start))).toEqual({ sent: 0, retried: 1, failed: 0 });
    const first = await outbox(id);
    expect(first).toMatchObject({ status: "pending", attempts: 1, next_attempt_at: later(start, retryDelayMs(1)), claimed_by: null });
    expect(first.last_error).toMatch(/451 Local error/);

    smtp.refuseRecipients = undefined;
    smtp.refuseData = 451;
    expect(await sendDueMail(database().db, transport, at(first.next_attempt_at))).toEqual({ sent: 0, retried: 1, failed: 0 });
    const second = await outbox(id);
    expect(second).toMatchObject({ status: "pending", attempts: 2, next_attempt_at: later(first.next_attempt_at, retryDelayMs(2)) });
    expect(second.last_error).toMatch(/451 Local error/);

    smtp.refuseData = undefined;
    expect(await sendDueMail(database().db, transport, at(second.next_attempt_at))).toEqual({ sent: 1, retried: 0, failed: 0 });
  });

  it("tries again later when the SMTP server cannot be reached", async () => {
    const id = await enqueueSimple("unreachable@example.org", "No server");
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const nowhere = createMailTransport(`smtp://127.0.0.1:${port}`, from);

    expect(await sendDueMail(database().db, nowhere, at(start))).toEqual({ sent: 0, retried: 1, failed: 0 });
    nowhere.close();
    const row = await outbox(id);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.last_error).toMatch(/ECONNREFUSED/);
  });

  it("renews the lease while a delivery outlasts it, so that another worker does not send the message again", async () => {
    const id = await enqueueSimple("slow@example.org", "Slow server");
    smtp.deliveryDelayMs = 3000;
    const settings = { leaseMs: 1000, heartbeatMs: 100 };
    // A second ahead of the machine's: the message is due from the database's now(), which counts
    // microseconds, so a claim in the same millisecond as the enqueue would find nothing due yet.
    const realClock = () => new Date(Date.now() + 1000);

    const slow = sendDueMail(database().db, transport, realClock, settings);
    await expect.poll(() => smtp.dataStarted, { timeout: 10_000 }).toBe(1);
    const claimed = await outbox(id);
    await sleep(1800);
    // Renewed since: without the heartbeat the lease would have ended at least 800 ms ago.
    expect((await outbox(id)).locked_until!.getTime()).toBeGreaterThan(claimed.locked_until!.getTime() + 800);
    const otherTransport = createMailTransport(smtp.url, from);
    expect(await sendDueMail(database().db, otherTransport, realClock, settings)).toEqual({ sent: 0, retried: 0, failed: 0 });
    otherTransport.close();

    expect(await slow).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received.map((mail) => mail.subject)).toEqual(["Slow server"]);
    expect(await outbox(id)).toMatchObject({ status: "sent", locked_until: null, claimed_by: null });
  });

  it("when stopped, finishes the messages being sent, one per connection, and releases the rest of its claim at once", async () => {
    const subjects = ["First", "Second", "Third", "Fourth", "Fifth"];
    const ids = [];
    for (const subject of subjects) ids.push(await enqueueSimple("stop@example.org", subject));
    smtp.deliveryDelayMs = 300;
    const stopping = new AbortController();

    const pass = sendDueMail(database().db, transport, at(start), { signal: stopping.signal, connections: 2 });
    await expect.poll(() => smtp.dataStarted, { timeout: 10_000 }).toBe(2);
    stopping.abort();
    expect(await pass).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(smtp.received.map((mail) => mail.subject).sort()).toEqual(["First", "Second"]);
    for (const id of ids.slice(2)) expect(await outbox(id)).toMatchObject({ status: "pending", attempts: 0, locked_until: null, claimed_by: null });

    smtp.deliveryDelayMs = 0;
    expect(await sendDueMail(database().db, transport, at(start))).toEqual({ sent: 3, retried: 0, failed: 0 });
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

describe("permanent SMTP refusals", () => {
  const smtpError = (fields: { code: string; command?: string; responseCode?: number; permanent?: boolean }) =>
    Object.assign(new Error("refused"), fields);

  it("count only a 5xx reply to the recipient or to the message, not one to the login or the sender", () => {
    expect(isPermanentRefusal(smtpError({ code: "EENVELOPE", command: "RCPT TO", responseCode: 550, permanent: true }))).toBe(true);
    expect(isPermanentRefusal(smtpError({ code: "EMESSAGE", command: "DATA", responseCode: 554, permanent: true }))).toBe(true);
    expect(isPermanentRefusal(smtpError({ code: "EENVELOPE", command: "RCPT TO", responseCode: 451, permanent: false }))).toBe(false);
    // 503 is a bad command sequence, worth a new connection (nodemailer says not permanent).
    expect(isPermanentRefusal(smtpError({ code: "EENVELOPE", command: "DATA", responseCode: 503, permanent: false }))).toBe(false);
    expect(isPermanentRefusal(smtpError({ code: "EAUTH", command: "AUTH PLAIN", responseCode: 535, permanent: true }))).toBe(false);
    expect(isPermanentRefusal(smtpError({ code: "EENVELOPE", command: "MAIL FROM", responseCode: 550, permanent: true }))).toBe(false);
    expect(isPermanentRefusal(smtpError({ code: "ETIMEDOUT" }))).toBe(false);
    expect(isPermanentRefusal("550 not an error object")).toBe(false);
  });
});

const workerProcess = fileURLToPath(new URL("./test-worker-process.ts", import.meta.url));
const projectRoot = fileURLToPath(new URL("../../..", import.meta.url));

describe.runIf(process.env.TEST_DATABASE_URL)("a mail worker killed while sending (PostgreSQL; skipped without TEST_DATABASE_URL)", () => {
  const lease = 2000;
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
    await smtp.close();
    await database.close();
  });

  /** Starts a worker process and resolves once it runs. */
  async function startWorker(settings: { CLAIM_SIZE?: string; MAIL_CONNECTIONS?: string } = {}): Promise<ChildProcess> {
    const worker = spawn(process.execPath, ["--import", "tsx", workerProcess], {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        SMTP_URL: smtp.url,
        LEASE_MS: String(lease),
        HEARTBEAT_MS: String(lease / 4),
        INTERVAL_MS: "100",
        ...settings,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    workers.push(worker);
    const [line] = (await once(worker.stdout!, "data")) as [Buffer];
    expect(line.toString()).toMatch(/^started/);
    return worker;
  }

  async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
      await sleep(20);
    }
  }

  it("lets another worker send what it held within about a lease of the kill, losing none and sending again at most the one in flight", { timeout: 60_000 }, async () => {
    const subjects = Array.from({ length: 30 }, (_, index) => `Sign-in link ${index + 1}`);
    for (const subject of subjects) {
      await enqueueMail(database.db, { to: "rush@example.org", language: "en", subject, text: `${subject}.`, html: `<p>${subject}.</p>` });
    }
    smtp.deliveryDelayMs = 100;
    // When each subject first reached the server.
    const firstSeen = new Map<string, number>();
    const watch = setInterval(() => {
      for (const mail of smtp.received) if (mail.subject && !firstSeen.has(mail.subject)) firstSeen.set(mail.subject, Date.now());
    }, 10);

    // One connection, claims of five: in the middle of its third claim, it holds the rest of it.
    const oneByOne = { CLAIM_SIZE: "5", MAIL_CONNECTIONS: "1" };
    const first = await startWorker(oneByOne);
    await until(() => smtp.received.length >= 12, 30_000);
    first.kill("SIGKILL");
    await once(first, "exit");
    const killedAt = Date.now();
    const stranded = await database.db
      .selectFrom("mail_outbox")
      .select("subject")
      .where("status", "=", "pending")
      .where("locked_until", ">", new Date(killedAt))
      .execute();
    expect(stranded.length).toBeGreaterThan(0);

    await startWorker(oneByOne);
    const restartedAt = Date.now();
    const delivered = () => new Set(smtp.received.map((mail) => mail.subject));
    await until(() => delivered().size === subjects.length, 30_000);
    clearInterval(watch);
    for (const mail of smtp.received) if (mail.subject && !firstSeen.has(mail.subject)) firstSeen.set(mail.subject, Date.now());
    // The killed worker's claim is free one lease after its last renewal, hence before
    // killedAt + lease; the new worker takes it on its first claim after that, give or take a
    // busy machine. (The old 15-minute lease kept it far beyond.)
    const deadline = Math.max(killedAt + lease, restartedAt) + lease;
    for (const { subject } of stranded) expect(firstSeen.get(subject)).toBeLessThan(deadline);

    expect([...delivered()].sort()).toEqual([...subjects].sort());
    expect(smtp.received.length - subjects.length).toBeLessThanOrEqual(1);
    // The last acknowledgement may still be on its way to the outbox.
    await expect.poll(() => database.db.selectFrom("mail_outbox").select("status").distinct().execute()).toEqual([{ status: "sent" }]);
  });
  it("resumes a send of 5,000 messages killed mid-way: every recipient gets theirs, a copy sent again carries the same Message-ID", { timeout: 180_000 }, async () => {
    await database.db.deleteFrom("mail_outbox").execute();
    smtp.received.length = 0;
    smtp.deliveryDelayMs = 0;
    const total = 5000;
    const recipients = Array.from({ length: total }, (_, index) => `participant-${index + 1}@example.org`);
    for (let first = 0; first < total; first += 1000) {
      await database.db
        .insertInto("mail_outbox")
        .values(
          recipients.slice(first, first + 1000).map((to) => ({
            to_address: to,
            language: "fr" as const,
            subject: "Informations pratiques",
            text_body: `Bonjour ${to}.`,
            html_body: `<p>Bonjour ${to}.</p>`,
            priority: 1 as const,
          })),
        )
        .execute();
    }
    const recipientOf = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined);

    const first = await startWorker();
    await until(() => smtp.received.length >= 1500, 120_000);
    first.kill("SIGKILL");
    await once(first, "exit");
    const atKill = smtp.received.length;
    expect(atKill).toBeLessThan(total);

    await startWorker();
    await until(() => new Set(smtp.received.map(recipientOf)).size === total, 150_000);
    await expect.poll(() => database.db.selectFrom("mail_outbox").select("status").distinct().execute(), { timeout: 10_000 }).toEqual([{ status: "sent" }]);

    const idsByRecipient = new Map<string, Set<string>>();
    for (const mail of smtp.received) {
      const ids = idsByRecipient.get(recipientOf(mail)!) ?? new Set<string>();
      ids.add(mail.messageId!);
      idsByRecipient.set(recipientOf(mail)!, ids);
    }
    expect([...idsByRecipient.keys()].sort()).toEqual([...recipients].sort());
    // One message each: a copy sent again is one that was in flight at the kill (the server had
    // it, the outbox did not know yet), at most one per connection, with the same Message-ID.
    expect([...idsByRecipient.values()].every((ids) => ids.size === 1)).toBe(true);
    expect(smtp.received.length - total).toBeLessThanOrEqual(defaultConnections);
  });
});
