import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { purgeExpired } from "~/features/maintenance/purge.server";
import { confirmationsOf } from "~/features/registration/confirmation.server";
import { consentTexts } from "~/features/registration/form";
import { exportPersonalData } from "~/features/registration/personal-data.server";
import { listQuestions } from "~/features/registration/questions.server";
import { register, updateRegistration } from "~/features/registration/registration.server";
import { newSubmissionKey } from "~/lib/once.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, registrationRequest, signedInOrganiser } from "~/test/factories";
import type { QuestionInput } from "./fields";
import { addPracticalSection, deletePracticalSection, listPracticalSections, movePracticalSection, updatePracticalSection } from "./practical.server";
import { addQuestion, editionConsentTexts, editionQuestions, removeQuestion, updateConsentTexts, updateQuestion } from "./questions.server";
import { registrationSettings, updateRegistrationSettings } from "./registration-settings.server";
import { anonymiseExpired, retentionPlan, startRetention, updateRetentionSettings } from "./retention.server";

const now = new Date("2026-05-01T10:00:00Z");
const section = (n: string) => ({ title: { fr: `Titre ${n}`, en: `Title ${n}` }, body: { fr: `Texte ${n}`, en: `Text ${n}` } });
const choiceQuestion = (labels: [string, string], options: [string, string][]): QuestionInput => ({
  kind: "choice",
  label: { fr: labels[0], en: labels[1] },
  help: null,
  options: options.map(([fr, en]) => ({ fr, en })),
  required: false,
  healthData: false,
});

describe.each(databaseKinds)("edition settings on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;
  const auditOf = (action: string) => db().selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();

  describe("practical information", () => {
    it("adds a section once per submitted form, at the end, logged with what it holds", async () => {
      const { access } = await signedInOrganiser(db(), 2026, now);
      const before = await listPracticalSections(db(), access.editionId);
      const key = newSubmissionKey();
      const first = await addPracticalSection(db(), access, { input: section("A"), submissionKey: key, now });
      const again = await addPracticalSection(db(), access, { input: section("A"), submissionKey: key, now });
      expect(again.id).toBe(first.id);
      const after = await listPracticalSections(db(), access.editionId);
      expect(after).toHaveLength(before.length + 1);
      expect(after.at(-1)).toMatchObject({ id: first.id, ...section("A") });
      expect((await auditOf("practical.add")).filter((entry) => entry.subject_id === String(first.id))).toMatchObject([{ after: section("A"), edition_id: access.editionId }]);
    });

    it("edits, moves up and down and deletes a section, each change logged with before and after", async () => {
      const { access } = await signedInOrganiser(db(), 2026, now);
      const a = await addPracticalSection(db(), access, { input: section("M1"), submissionKey: newSubmissionKey(), now });
      const b = await addPracticalSection(db(), access, { input: section("M2"), submissionKey: newSubmissionKey(), now });
      await movePracticalSection(db(), access, { id: b.id, direction: "up", now });
      let ids = (await listPracticalSections(db(), access.editionId)).map((row) => row.id);
      expect(ids.indexOf(b.id)).toBe(ids.indexOf(a.id) - 1);
      await movePracticalSection(db(), access, { id: b.id, direction: "down", now });
      ids = (await listPracticalSections(db(), access.editionId)).map((row) => row.id);
      expect(ids.indexOf(b.id)).toBe(ids.indexOf(a.id) + 1);
      await updatePracticalSection(db(), access, { id: a.id, input: section("M1bis"), now });
      expect((await auditOf("practical.edit")).at(-1)).toMatchObject({ before: section("M1"), after: section("M1bis") });
      await deletePracticalSection(db(), access, { id: a.id, now });
      expect((await listPracticalSections(db(), access.editionId)).map((row) => row.id)).not.toContain(a.id);
      expect((await auditOf("practical.delete")).at(-1)).toMatchObject({ subject_id: String(a.id), before: section("M1bis") });
    });

    it("answers 404 for a section of another edition and changes nothing", async () => {
      const organiser2025 = await signedInOrganiser(db(), 2025, now);
      const { id } = await addPracticalSection(db(), organiser2025.access, { input: section("Other"), submissionKey: newSubmissionKey(), now });
      const { access } = await signedInOrganiser(db(), 2026, now);
      const notFound = { code: "practical_section_not_found" };
      await expect(updatePracticalSection(db(), access, { id, input: section("X"), now })).rejects.toMatchObject(notFound);
      await expect(movePracticalSection(db(), access, { id, direction: "up", now })).rejects.toMatchObject(notFound);
      await expect(deletePracticalSection(db(), access, { id, now })).rejects.toMatchObject(notFound);
      expect((await listPracticalSections(db(), organiser2025.access.editionId)).find((row) => row.id === id)).toMatchObject(section("Other"));
    });

    // Other tests of this file add sections after them.
    it("ships demo sections in both languages for delegates from abroad", async () => {
      const edition = await getEdition(db(), 2026);
      const sections = await listPracticalSections(db(), edition.id);
      expect(sections.slice(0, 4).map((row) => row.title.en)).toEqual(["Accommodation", "Visas and invitation letters", "Airports and railway stations", "Accessibility of the venue"]);
      for (const row of sections) expect(row.body.fr && row.body.en && row.title.fr).toBeTruthy();
    });
  });

  describe("registration settings", () => {
    it("saves the window read on the edition's clock, the capacity and approvals, logged before and after", async () => {
      const { access } = await signedInOrganiser(db(), 2026, now);
      const input = { opensAt: "2026-03-01T09:00", closesAt: "2026-06-30T18:00", capacity: 500, requiresApproval: true, categoriesRequiringApproval: ["press" as const] };
      await updateRegistrationSettings(db(), access, { input, now });
      const settings = await registrationSettings(db(), access);
      expect(settings).toMatchObject({
        opensAt: new Date("2026-03-01T08:00:00Z"),
        closesAt: new Date("2026-06-30T16:00:00Z"),
        capacity: 500,
        requiresApproval: true,
        categoriesRequiringApproval: ["press"],
      });
      const [entry] = (await auditOf("edition.registration_settings")).slice(-1);
      expect(entry?.before).toMatchObject({ registration_requires_approval: false, registration_capacity: null });
      expect(entry?.after).toMatchObject({ registration_requires_approval: true, registration_capacity: 500, categories_requiring_approval: ["press"] });
    });

    it("refuses a window that closes before it opens, or a day that does not exist, and changes nothing", async () => {
      const { access } = await signedInOrganiser(db(), 2025, now);
      const before = await registrationSettings(db(), access);
      const base = { capacity: null, requiresApproval: false, categoriesRequiringApproval: [] };
      await expect(updateRegistrationSettings(db(), access, { input: { ...base, opensAt: "2025-06-01T10:00", closesAt: "2025-06-01T10:00" }, now })).rejects.toMatchObject({
        code: "invalid_registration_window",
      });
      await expect(updateRegistrationSettings(db(), access, { input: { ...base, opensAt: "2025-02-30T10:00", closesAt: "2025-06-01T10:00" }, now })).rejects.toMatchObject({
        code: "invalid_registration_window",
      });
      expect(await registrationSettings(db(), access)).toEqual(before);
    });

    it("refuses a capacity below the registrations already confirmed", async () => {
      const { access } = await signedInOrganiser(db(), 2025, now);
      const at = new Date("2025-05-01T10:00:00Z");
      for (let i = 0; i < 2; i++) await register(db(), registrationRequest(access.editionId, await createPerson(db()), { now: at }));
      const { confirmed } = await registrationSettings(db(), access);
      expect(confirmed).toBeGreaterThanOrEqual(2);
      const input = { opensAt: "2025-01-01T09:00", closesAt: "2025-06-30T18:00", requiresApproval: false, categoriesRequiringApproval: [] };
      await expect(updateRegistrationSettings(db(), access, { input: { ...input, capacity: confirmed - 1 }, now })).rejects.toMatchObject({ code: "capacity_below_confirmed" });
      await updateRegistrationSettings(db(), access, { input: { ...input, capacity: confirmed }, now });
      expect((await registrationSettings(db(), access)).capacity).toBe(confirmed);
    });
  });

  describe("questions", () => {
    it("keeps the label and options an answer was given under when the question changes, in the summary and the export", async () => {
      const { access } = await signedInOrganiser(db(), 2026, now);
      const { id } = await addQuestion(db(), access, {
        input: choiceQuestion(["Repas", "Meal"], [["Poisson", "Fish"], ["Viande", "Meat"]]),
        submissionKey: newSubmissionKey(),
        now,
      });
      const question = (await editionQuestions(db(), access)).find((row) => row.id === id)!;
      const fish = question.options[0]!.value;
      const person = await createPerson(db());
      const { id: registrationId } = await register(
        db(),
        registrationRequest(access.editionId, person, { answers: { [id]: fish, ...(await yesToRequired(access.editionId)) } }),
      );
      await updateQuestion(db(), access, { id, input: choiceQuestion(["Menu", "Menu"], [["Poisson grillé", "Grilled fish"], ["Viande", "Meat"]]), now });
      // The question now says something else; the options kept their values.
      const changed = (await listQuestions(db(), access.editionId)).find((row) => row.id === id)!;
      expect(changed.label.en).toBe("Menu");
      expect(changed.options[0]).toEqual({ value: fish, label: { fr: "Poisson grillé", en: "Grilled fish" } });

      const confirmation = (await confirmationsOf(db(), [registrationId])).get(registrationId)!;
      expect(confirmation.answers.find((answer) => answer.value === fish)).toMatchObject({
        label: { fr: "Repas", en: "Meal" },
        options: [{ value: fish, label: { fr: "Poisson", en: "Fish" } }, { label: { en: "Meat" } }],
      });
      const exported = (await exportPersonalData(db(), person.id)) as { registrations: { answers: { question: unknown; answer: unknown }[] }[] };
      expect(exported.registrations[0]?.answers).toContainEqual(expect.objectContaining({ question: { fr: "Repas", en: "Meal" }, answer: fish }));
      expect((await auditOf("question.edit")).at(-1)).toMatchObject({ before: { label: { en: "Meal" } }, after: { label: { en: "Menu" } } });
    });

    it("takes a removed question off the form and keeps its answers, even when the person edits their registration", async () => {
      const { access } = await signedInOrganiser(db(), 2026, now);
      const { id } = await addQuestion(db(), access, { input: { ...choiceQuestion(["Taille", "Size"], []), kind: "text" }, submissionKey: newSubmissionKey(), now });
      const person = await createPerson(db());
      const request = registrationRequest(access.editionId, person, { answers: { [id]: "M", ...(await yesToRequired(access.editionId)) } });
      const { id: registrationId } = await register(db(), request);
      await removeQuestion(db(), access, { id, now });
      expect((await listQuestions(db(), access.editionId)).map((row) => row.id)).not.toContain(id);
      expect((await editionQuestions(db(), access)).map((row) => row.id)).not.toContain(id);
      await updateRegistration(db(), { ...request, registrationId, answers: await yesToRequired(access.editionId) });
      const confirmation = (await confirmationsOf(db(), [registrationId])).get(registrationId)!;
      expect(confirmation.answers).toContainEqual(expect.objectContaining({ label: { fr: "Taille", en: "Size" }, value: "M" }));
      await expect(updateQuestion(db(), access, { id, input: choiceQuestion(["a", "b"], []), now })).rejects.toMatchObject({ code: "question_not_found" });
    });

    it("refuses to change the kind of a question already answered, and allows it before any answer", async () => {
      const { access } = await signedInOrganiser(db(), 2026, now);
      const text = { ...choiceQuestion(["Note", "Note"], []), kind: "text" as const };
      const { id } = await addQuestion(db(), access, { input: text, submissionKey: newSubmissionKey(), now });
      await updateQuestion(db(), access, { id, input: { ...text, kind: "yes_no" }, now });
      await register(db(), registrationRequest(access.editionId, await createPerson(db()), { answers: { [id]: "yes", ...(await yesToRequired(access.editionId)) } }));
      await expect(updateQuestion(db(), access, { id, input: text, now })).rejects.toMatchObject({ code: "question_kind_answered" });
    });

    it("answers 404 for a question of another edition and changes nothing", async () => {
      const edition2025 = await getEdition(db(), 2025);
      const [other] = await listQuestions(db(), edition2025.id);
      const { access } = await signedInOrganiser(db(), 2026, now);
      await expect(updateQuestion(db(), access, { id: other!.id, input: choiceQuestion(["x", "y"], [["a", "b"], ["c", "d"]]), now })).rejects.toMatchObject({
        code: "question_not_found",
      });
      await expect(removeQuestion(db(), access, { id: other!.id, now })).rejects.toMatchObject({ code: "question_not_found" });
      expect((await listQuestions(db(), edition2025.id))[0]).toEqual(other);
    });
  });

  describe("consent texts", () => {
    it("are the catalogue's texts for existing editions, and the edition's own once changed: shown and recorded as such", async () => {
      const { access } = await signedInOrganiser(db(), 2026, now);
      const texts = await editionConsentTexts(db(), access);
      expect(consentTexts({ consent_texts: texts }, "en").photos).toBe(
        "I agree to appear in photos and videos taken during the Rencontres and published by the organisers.",
      );
      await updateConsentTexts(db(), access, { texts: { ...texts, photos: { fr: "Photos, oui.", en: "Photos, yes." } }, now });
      const edition = await getEdition(db(), 2026);
      const person = await createPerson(db());
      const { id } = await register(
        db(),
        registrationRequest(edition.id, person, { consentTexts: consentTexts(edition, "en"), language: "en", answers: await yesToRequired(edition.id) }),
      );
      const consent = await db().selectFrom("consent").where("registration_id", "=", id).where("kind", "=", "photos").select("text_shown").executeTakeFirstOrThrow();
      expect(consent.text_shown).toBe("Photos, yes.");
      expect((await auditOf("edition.consent_texts")).at(-1)).toMatchObject({ after: { photos: { en: "Photos, yes." } } });
    });
  });

  describe("retention", () => {
    // The 2025 edition's last day is 4 July 2025, in Paris: it ends at 2025-07-04T22:00Z.
    const lastDayEnd = new Date("2025-07-04T22:00:00Z");
    const days = (n: number) => n * 24 * 3600_000;

    it("anonymises the edition's registrations once its period is over, keeping counts, the person's later registration and an audit entry by the system", async () => {
      const { access } = await signedInOrganiser(db(), 2025, now, "owner");
      await updateRetentionSettings(db(), access, { input: { retentionDays: 30, healthRetentionDays: 0 }, now });
      const person = await createPerson(db());
      const edition2026 = await getEdition(db(), 2026);
      const { id: old } = await register(db(), registrationRequest(access.editionId, person, { now: new Date("2025-05-01T10:00:00Z"), answers: await yesToRequired(access.editionId) }));
      const { id: current } = await register(db(), registrationRequest(edition2026.id, person, { answers: await yesToRequired(edition2026.id) }));

      const plan = await retentionPlan(db(), access);
      expect(plan.anonymiseOn).toEqual(new Date(lastDayEnd.getTime() + days(30)));
      expect(plan.registrations).toBeGreaterThanOrEqual(1);
      expect(plan.fields).toContain("family_name");

      // A minute before the date, nothing; at the date, what the dry run said.
      expect(await anonymiseExpired(db(), new Date(plan.anonymiseOn!.getTime() - 60_000))).toEqual({ registrations: 0 });
      const beforeCounts = await countsOf(access.editionId);
      expect(await anonymiseExpired(db(), plan.anonymiseOn!, 2)).toEqual({ registrations: plan.registrations });

      const anonymised = await db().selectFrom("registration").selectAll().where("id", "=", old).executeTakeFirstOrThrow();
      expect(anonymised).toMatchObject({ given_name: "", family_name: "", email: "", phone: "", organisation_name: "", languages: [], country_code: "FR", organisation_type: "commune" });
      expect(anonymised.anonymised_at).toEqual(plan.anonymiseOn);
      expect(await db().selectFrom("registration_answer").where("registration_id", "=", old).select("question_id").execute()).toEqual([]);
      expect(await db().selectFrom("consent").where("registration_id", "=", old).select("id").execute()).toEqual([]);
      expect(await countsOf(access.editionId)).toEqual(beforeCounts);
      const later = await db().selectFrom("registration").selectAll().where("id", "=", current).executeTakeFirstOrThrow();
      expect(later.family_name).not.toBe("");
      expect(later.anonymised_at).toBeNull();

      const log = (await auditOf("retention.anonymise")).filter((entry) => entry.edition_id === access.editionId);
      expect(log.length).toBeGreaterThan(0);
      expect(log[0]).toMatchObject({ actor_person_id: null, actor_email: null, subject_type: "edition" });
      expect(log.reduce((sum, entry) => sum + (entry.after as { registrations: number }).registrations, 0)).toBe(plan.registrations);
      expect(await retentionPlan(db(), access)).toMatchObject({ registrations: 0, anonymised: beforeCounts.total });
      // A second run finds nothing more to do.
      expect(await anonymiseExpired(db(), plan.anonymiseOn!)).toEqual({ registrations: 0 });
    });

    it("anonymises each registration once when several processes run at the same time", async () => {
      const { access } = await signedInOrganiser(db(), 2025, now, "owner");
      await updateRetentionSettings(db(), access, { input: { retentionDays: 60, healthRetentionDays: 0 }, now });
      for (let i = 0; i < 5; i++) {
        await register(db(), registrationRequest(access.editionId, await createPerson(db()), { now: new Date("2025-05-01T10:00:00Z"), answers: await yesToRequired(access.editionId) }));
      }
      const plan = await retentionPlan(db(), access);
      const runs = await Promise.all([anonymiseExpired(db(), plan.anonymiseOn!, 2), anonymiseExpired(db(), plan.anonymiseOn!, 2)]);
      expect(runs[0]!.registrations + runs[1]!.registrations).toBe(plan.registrations);
    });

    it("erases health answers after the edition's own health period, not before", async () => {
      const { access } = await signedInOrganiser(db(), 2025, now, "owner");
      await updateRetentionSettings(db(), access, { input: { retentionDays: 365, healthRetentionDays: 10 }, now });
      const [health] = (await listQuestions(db(), access.editionId)).filter((question) => question.health_data);
      const { id } = await register(
        db(),
        registrationRequest(access.editionId, await createPerson(db()), {
          now: new Date("2025-05-01T10:00:00Z"),
          consents: { photos: false, share_contact: false, newsletter: false, health_data: true },
          answers: { [health!.id]: "Step-free access", ...(await yesToRequired(access.editionId)) },
        }),
      );
      const held = () => db().selectFrom("registration_answer").where("registration_id", "=", id).where("question_id", "=", health!.id).select("value").execute();
      const plan = await retentionPlan(db(), access);
      expect(plan.healthErasedOn).toEqual(new Date(lastDayEnd.getTime() + days(10)));
      await purgeExpired(db(), new Date(lastDayEnd.getTime() + days(10) - 60_000));
      expect(await held()).toHaveLength(1);
      await purgeExpired(db(), plan.healthErasedOn!);
      expect(await held()).toHaveLength(0);
    });

    it("runs once when started, then every interval until stopped", async () => {
      const { access } = await signedInOrganiser(db(), 2025, now, "owner");
      await updateRetentionSettings(db(), access, { input: { retentionDays: 90, healthRetentionDays: 0 }, now });
      const register2025 = async () =>
        (await register(db(), registrationRequest(access.editionId, await createPerson(db()), { now: new Date("2025-05-01T10:00:00Z"), answers: await yesToRequired(access.editionId) }))).id;
      const first = await register2025();
      const { anonymiseOn } = await retentionPlan(db(), access);
      const anonymisedAt = (id: number) => db().selectFrom("registration").where("id", "=", id).select("anonymised_at").executeTakeFirstOrThrow().then((row) => row.anonymised_at);
      const stop = startRetention({ db: db(), now: () => anonymiseOn!, intervalMs: 50 });
      await expect.poll(() => anonymisedAt(first)).toEqual(anonymiseOn);
      const second = await register2025();
      await expect.poll(() => anonymisedAt(second)).toEqual(anonymiseOn);
      await stop();
      const third = await register2025();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await anonymisedAt(third)).toBeNull();
    });

    it("refuses a health period longer than the retention period (the database holds the rule too)", async () => {
      const { access } = await signedInOrganiser(db(), 2025, now, "owner");
      await expect(updateRetentionSettings(db(), access, { input: { retentionDays: 5, healthRetentionDays: 6 }, now })).rejects.toThrow();
    });
  });

  /** Answers to the edition's required questions, so that a registration is complete. */
  async function yesToRequired(editionId: number) {
    const questions = await listQuestions(db(), editionId);
    return Object.fromEntries(questions.filter((question) => question.required && question.kind === "yes_no").map((question) => [question.id, "yes"]));
  }

  async function countsOf(editionId: number) {
    const rows = await db()
      .selectFrom("registration")
      .where("edition_id", "=", editionId)
      .select(["status", "category", "organisation_type", "country_code"])
      .orderBy("id")
      .execute();
    const seats = await db()
      .selectFrom("session_signup")
      .innerJoin("registration", "registration.id", "session_signup.registration_id")
      .where("registration.edition_id", "=", editionId)
      .select("session_signup.status")
      .execute();
    return { total: rows.length, rows, seats };
  }
});
