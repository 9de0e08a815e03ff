import { describe, expect, it } from "vitest";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson } from "~/test/factories";
import { newSubmissionKey, onceOnly, submissionKey } from "./once.server";

const now = new Date("2026-05-01T10:00:00Z");

describe.each(databaseKinds)("a form that takes effect once, on %s", (kind) => {
  const database = useTestDatabase(kind);
  const db = () => database().db;

  /** Creates a venue (any row will do) once per key, as an action would. */
  const createOnce = (key: string, personId: number, name: string) =>
    db()
      .transaction()
      .execute((tx) =>
        onceOnly(tx, { key, personId, now }, async () =>
          tx.insertInto("venue").values({ name, street_address: "1 rue", postal_code: "75003", locality: "Paris", country_code: "FR" }).returning("id").executeTakeFirstOrThrow(),
        ),
      );
  const venues = async (name: string) => (await db().selectFrom("venue").select("id").where("name", "=", name).execute()).length;

  it("makes the change once when the same form arrives twice, even at the same moment, and answers the same both times", async () => {
    const person = await createPerson(db());
    const key = newSubmissionKey();
    const [first, second] = await Promise.all([createOnce(key, person.id, "twice"), createOnce(key, person.id, "twice")]);
    expect(await venues("twice")).toBe(1);
    expect([first.repeated, second.repeated].sort()).toEqual([false, true]);
    expect(first.result).toEqual(second.result);
    const third = await createOnce(key, person.id, "twice");
    expect(third).toEqual({ result: first.result, repeated: true });
    expect(await venues("twice")).toBe(1);
  });

  it("does not spend the key when the change fails, and refuses another person's key", async () => {
    const person = await createPerson(db());
    const key = newSubmissionKey();
    await expect(
      db()
        .transaction()
        .execute((tx) => onceOnly(tx, { key, personId: person.id, now }, async () => Promise.reject(new Error("refused")))),
    ).rejects.toThrow("refused");
    expect((await createOnce(key, person.id, "after failure")).repeated).toBe(false);
    const other = await createPerson(db());
    await expect(createOnce(key, other.id, "intruder")).rejects.toMatchObject({ code: "unknown_intent" });
    expect(await venues("intruder")).toBe(0);
  });

  it("reads the key from the form and refuses a form without a well-formed one", () => {
    const key = newSubmissionKey();
    const form = new FormData();
    form.set("submission", key);
    expect(submissionKey(form)).toBe(key);
    form.set("submission", "short");
    expect(() => submissionKey(form)).toThrow();
    expect(() => submissionKey(new FormData())).toThrow();
  });
});
