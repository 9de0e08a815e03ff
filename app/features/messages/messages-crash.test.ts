import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { emptyFilter } from "~/features/segments/filter";
import { useTestDatabase, type TestDatabase } from "~/test/database";
import { createEdition, signedInOrganiser } from "~/test/factories";
import { confirmMessage, queueMessageBatches, saveMessage } from "./messages.server";

const queueProcess = fileURLToPath(new URL("./test-queue-process.ts", import.meta.url));
const now = new Date("2026-05-01T10:00:00Z");
const people = 5000;

describe.runIf(process.env.TEST_DATABASE_URL)("a message to 5,000 people queued by a process killed midway (PostgreSQL; skipped without TEST_DATABASE_URL)", () => {
  const database = useTestDatabase("postgres", { demo: true });
  const db = () => database().db;
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });

  /** Starts the queueing process; resolves once it has printed `batches` batches. */
  function queueUntil(batches: number): Promise<ChildProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", queueProcess], {
      env: { ...process.env, DATABASE_URL: (database() as TestDatabase).url, BATCH_SIZE: "200" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      let seen = 0;
      child.stdout!.on("data", (chunk: Buffer) => {
        seen += (chunk.toString().match(/queued/g) ?? []).length;
        if (seen >= batches) resolve(child);
      });
      child.on("exit", (code) => reject(new Error(`the queueing process stopped (${code})`)));
    });
  }

  it("leaves each recipient queued once or not at all, and a new process queues the rest: none lost, none doubled", { timeout: 180_000 }, async () => {
    const editionId = await createEdition(db());
    const { year } = await db().selectFrom("edition").select("year").where("id", "=", editionId).executeTakeFirstOrThrow();
    const { access } = await signedInOrganiser(db(), year, now);
    for (let start = 0; start < people; start += 500) {
      const rows = Array.from({ length: 500 }, (_, index) => ({ email: `crash${start + index}@example.org`, language: (start + index) % 2 === 0 ? ("fr" as const) : ("en" as const) }));
      const persons = await db().insertInto("person").values(rows).returning(["id", "email"]).execute();
      await db()
        .insertInto("registration")
        .values(
          persons.map((person, index) => ({
            edition_id: editionId,
            person_id: person.id,
            registered_by_person_id: person.id,
            status: "confirmed" as const,
            category: "participant" as const,
            given_name: "Camille",
            family_name: `Crash ${start + index}`,
            email: person.email,
            languages: ["fr"],
            organisation_type: "commune" as const,
            organisation_name: "Ville",
            country_code: "FR",
            city: "Lyon",
            days: [],
            reference: `C-${start + index}`,
          })),
        )
        .execute();
    }
    const messageId = await saveMessage(db(), access, {
      content: { subject: { fr: "Panne {first_name}", en: "Crash {first_name}" }, body: { fr: "Bonjour {name}", en: "Hello {name}" }, filter: { ...emptyFilter, q: "crash" } },
      now,
    });
    expect(await confirmMessage(db(), access, { messageId, expected: people, now })).toEqual({ count: people });

    const first = await queueUntil(3);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));

    const state = async () => {
      const queued = await db().selectFrom("message_recipient").where("message_id", "=", messageId).where("queued_at", "is not", null).select((eb) => eb.fn.countAll<string>().as("count")).executeTakeFirstOrThrow();
      const mails = await db()
        .selectFrom("mail_outbox")
        .where((eb) => eb.or([eb("subject", "like", "Panne %"), eb("subject", "like", "Crash %")]))
        .select((eb) => [eb.fn.countAll<string>().as("count"), eb.fn.count<string>("to_address").distinct().as("addresses")])
        .executeTakeFirstOrThrow();
      return { queued: Number(queued.count), mails: Number(mails.count), addresses: Number(mails.addresses) };
    };
    // Killed at any point: each recipient marked queued has its one e-mail, and no e-mail exists without its mark.
    const killed = await state();
    expect(killed.queued).toBeGreaterThanOrEqual(600);
    expect(killed.queued).toBeLessThan(people);
    expect(killed).toEqual({ queued: killed.queued, mails: killed.queued, addresses: killed.queued });
    expect(await db().selectFrom("message").select("status").where("id", "=", messageId).executeTakeFirstOrThrow()).toEqual({ status: "sending" });

    // Another process (here, this one) resumes where the killed one stopped.
    expect(await queueMessageBatches(db(), now, "https://rencontres.example.org")).toBe(people - killed.queued);
    expect(await state()).toEqual({ queued: people, mails: people, addresses: people });
    const languages = await db()
      .selectFrom("message_recipient")
      .innerJoin("mail_outbox", "mail_outbox.id", "message_recipient.outbox_id")
      .innerJoin("person", "person.email", "mail_outbox.to_address")
      .where("message_recipient.message_id", "=", messageId)
      .whereRef("person.language", "<>", "mail_outbox.language")
      .select("mail_outbox.id")
      .execute();
    expect(languages).toEqual([]);
    expect(await db().selectFrom("message").select("status").where("id", "=", messageId).executeTakeFirstOrThrow()).toEqual({ status: "queued" });
  });
});
