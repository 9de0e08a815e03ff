import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db/schema";
import { register } from "~/features/registration/registration.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, personFields, registrationRequest } from "~/test/factories";
import { saveOwnProfile } from "./profiles.server";
import { answerMeetingRequest, askForMeeting, listMeetingRequests, redirectMeetingRequest, withdrawMeetingRequest } from "./requests.server";

const now = new Date("2026-05-01T10:00:00Z");
const publicUrl = "https://rencontres.example.org";

describe.each(databaseKinds)("meeting requests on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = (): Kysely<DB> => database().db;
  let editionId: number;
  let otherEditionId: number;

  interface Someone {
    personId: number;
    registrationId: number;
    email: string;
  }
  async function participant(
    editionOf: number,
    family: string,
    options: {
      language?: "fr" | "en";
      publish?: boolean;
      delegationId?: number;
      maxMeetings?: number;
    } = {},
  ): Promise<Someone> {
    const person = await createPerson(db(), {
      language: options.language ?? "fr",
    });
    const { id } = await register(
      db(),
      registrationRequest(editionOf, person, {
        fields: personFields({ email: person.email, family_name: family }),
      }),
    );
    await db()
      .updateTable("registration")
      .set({ status: "confirmed", delegation_id: options.delegationId ?? null })
      .where("id", "=", id)
      .execute();
    if (options.publish !== false) {
      await saveOwnProfile(db(), {
        editionId: editionOf,
        personId: person.id,
        fields: {
          region: "",
          offer: "",
          seek: "",
          themeIds: [],
          countries: [],
          maxMeetings: null,
          unavailableBlockIds: [],
        },
        publish: true,
        consentText: "I agree",
        language: "fr",
        now,
      });
    }
    if (options.maxMeetings !== undefined)
      await db().updateTable("meeting_profile").set({ max_meetings: options.maxMeetings }).where("registration_id", "=", id).execute();
    return { personId: person.id, registrationId: id, email: person.email };
  }
  async function delegation(editionOf: number, lead: Someone, name: string): Promise<number> {
    const { id } = await db()
      .insertInto("delegation")
      .values({
        edition_id: editionOf,
        lead_person_id: lead.personId,
        organisation_name: name,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db().updateTable("registration").set({ delegation_id: id }).where("id", "=", lead.registrationId).execute();
    return id;
  }
  const ask = (from: Someone, to: Someone, overrides: Partial<Parameters<typeof askForMeeting>[1]> = {}) =>
    askForMeeting(db(), {
      editionId,
      personId: from.personId,
      inviteeRegistrationId: to.registrationId,
      priority: "must",
      message: "",
      groupMeeting: false,
      now,
      publicUrl,
      ...overrides,
    });
  const answer = (by: Someone, requestId: number, accept: boolean) =>
    answerMeetingRequest(db(), {
      editionId,
      personId: by.personId,
      requestId,
      accept,
      now,
      publicUrl,
    });
  const mailsTo = (someone: Someone) =>
    db().selectFrom("mail_outbox").where("to_address", "=", someone.email).select(["subject", "text_body", "language"]).orderBy("id").execute();

  beforeAll(async () => {
    editionId = await createEdition(db());
    otherEditionId = await createEdition(db());
  });

  it("asks, tells the invitee in their language, and lists the request both ways", async () => {
    const amina = await participant(editionId, "Amina", { language: "fr" });
    const ben = await participant(editionId, "Ben", { language: "en" });
    const id = await ask(amina, ben, {
      message: "Parlons d'eau potable <b>à Tyr</b>",
      priority: "would_like",
    });
    const mail = (await mailsTo(ben)).at(-1);
    expect(mail).toMatchObject({ language: "en" });
    expect(mail?.subject).toMatch(/asks to meet you/);
    // Quoted as typed; a zero-width space after "/" keeps mail readers from making it a link.
    expect(mail?.text_body.replaceAll("\u200b", "")).toContain("Their message: Parlons d'eau potable <b>à Tyr</b>");
    const [outgoing] = await listMeetingRequests(db(), {
      editionId,
      personId: amina.personId,
      now,
    });
    expect(outgoing).toMatchObject({
      id,
      direction: "outgoing",
      status: "pending",
      priority: "would_like",
      other: { registrationId: ben.registrationId },
    });
    const [incoming] = await listMeetingRequests(db(), {
      editionId,
      personId: ben.personId,
      now,
    });
    expect(incoming).toMatchObject({
      id,
      direction: "incoming",
      status: "pending",
    });
    await answer(ben, id, true);
    expect((await mailsTo(amina)).at(-1)?.subject).toMatch(/a accepté de vous rencontrer/);
    expect(
      (
        await listMeetingRequests(db(), {
          editionId,
          personId: amina.personId,
          now,
        })
      )[0]?.status,
    ).toBe("accepted");
  });

  it("refuses oneself, an unpublished profile, another edition's participant, a second open request, and again after a decline", async () => {
    const carla = await participant(editionId, "Carla");
    const hidden = await participant(editionId, "Hidden", { publish: false });
    const elsewhere = await participant(otherEditionId, "Elsewhere");
    const dan = await participant(editionId, "Dan");
    await expect(ask(carla, carla)).rejects.toMatchObject({
      code: "meeting_request_self",
    });
    await expect(ask(carla, hidden)).rejects.toMatchObject({
      code: "meeting_invitee_unknown",
    });
    await expect(ask(carla, elsewhere)).rejects.toMatchObject({
      code: "meeting_invitee_unknown",
    });
    await expect(
      askForMeeting(db(), {
        editionId,
        personId: elsewhere.personId,
        inviteeRegistrationId: carla.registrationId,
        priority: "must",
        message: "",
        groupMeeting: false,
        now,
        publicUrl,
      }),
    ).rejects.toMatchObject({ code: "meeting_not_participant" });
    const id = await ask(carla, dan);
    await expect(ask(carla, dan)).rejects.toMatchObject({
      code: "meeting_request_exists",
    });
    await expect(ask(dan, carla)).rejects.toMatchObject({
      code: "meeting_request_exists",
    });
    await answer(dan, id, false);
    await expect(ask(carla, dan)).rejects.toMatchObject({
      code: "meeting_request_declined",
    });
    // The one who declined may still ask.
    await expect(ask(dan, carla)).resolves.toBeTypeOf("number");
    await expect(ask(carla, dan, { message: "x".repeat(501) })).rejects.toMatchObject({ code: "meeting_message_too_long" });
  });

  it("keeps to each person's maximum of meetings and to the closing of requests", async () => {
    const eve = await participant(editionId, "Eve", { maxMeetings: 1 });
    const [fay, gil, hal] = [await participant(editionId, "Fay"), await participant(editionId, "Gil"), await participant(editionId, "Hal")];
    const first = await ask(fay, eve);
    const second = await ask(gil, eve);
    await answer(eve, first, true);
    await expect(answer(eve, second, true)).rejects.toMatchObject({
      code: "meeting_cap_reached",
    });
    await expect(ask(eve, hal)).rejects.toMatchObject({
      code: "meeting_cap_reached",
    });
    await db().insertInto("meeting_settings").values({ edition_id: editionId, requests_close_at: now }).execute();
    await expect(ask(hal, fay)).rejects.toMatchObject({
      code: "meeting_requests_closed",
    });
    expect(
      (
        await listMeetingRequests(db(), {
          editionId,
          personId: gil.personId,
          now,
        })
      ).find((r) => r.id === second)?.status,
    ).toBe("expired");
    await db().deleteFrom("meeting_settings").where("edition_id", "=", editionId).execute();
  });

  it("passes a request on to colleagues of the delegation only, and lets a requester withdraw", async () => {
    const lead = await participant(editionId, "Lead");
    const delegationId = await delegation(editionId, lead, "Ville de Tyr");
    const colleague = await participant(editionId, "Colleague", {
      delegationId,
      publish: false,
    });
    const outsider = await participant(editionId, "Outsider");
    const asker = await participant(editionId, "Asker", { language: "en" });
    const id = await ask(asker, lead);
    await expect(
      redirectMeetingRequest(db(), {
        editionId,
        personId: lead.personId,
        requestId: id,
        colleagueRegistrationIds: [outsider.registrationId],
        now,
        publicUrl,
      }),
    ).rejects.toMatchObject({
      code: "meeting_colleagues_invalid",
    });
    await redirectMeetingRequest(db(), {
      editionId,
      personId: lead.personId,
      requestId: id,
      colleagueRegistrationIds: [colleague.registrationId],
      now,
      publicUrl,
    });
    const asked = await listMeetingRequests(db(), {
      editionId,
      personId: asker.personId,
      now,
    });
    expect(asked.map((r) => [r.other.registrationId, r.status])).toEqual(
      expect.arrayContaining([
        [lead.registrationId, "redirected"],
        [colleague.registrationId, "pending"],
      ]),
    );
    expect((await mailsTo(asker)).at(-1)?.text_body).toMatch(/colleagues of their delegation, who will answer you: Camille Colleague/);
    const passed = asked.find((r) => r.other.registrationId === colleague.registrationId)!;
    // Only the requester withdraws, and only what is still open.
    await expect(
      withdrawMeetingRequest(db(), {
        editionId,
        personId: colleague.personId,
        requestId: passed.id,
        now,
      }),
    ).rejects.toMatchObject({ code: "meeting_request_not_found" });
    await withdrawMeetingRequest(db(), {
      editionId,
      personId: asker.personId,
      requestId: passed.id,
      now,
    });
    await expect(
      withdrawMeetingRequest(db(), {
        editionId,
        personId: asker.personId,
        requestId: passed.id,
        now,
      }),
    ).rejects.toMatchObject({ code: "meeting_request_answered" });
    await expect(answer(colleague, passed.id, true)).rejects.toMatchObject({
      code: "meeting_request_answered",
    });
    // Group meetings need a delegation on both sides; within one delegation there is no request.
    await expect(ask(asker, lead, { groupMeeting: true })).rejects.toMatchObject({ code: "meeting_group_without_delegation" });
    await expect(ask(colleague, lead)).rejects.toMatchObject({
      code: "meeting_same_delegation",
    });
  });

  it("never lets another person answer a request, nor reach one of another edition", async () => {
    const ivy = await participant(editionId, "Ivy");
    const jon = await participant(editionId, "Jon");
    const kim = await participant(editionId, "Kim");
    const id = await ask(ivy, jon);
    await expect(answer(kim, id, true)).rejects.toMatchObject({
      code: "meeting_request_not_found",
    });
    await expect(answer(ivy, id, true)).rejects.toMatchObject({
      code: "meeting_request_not_found",
    });
    const far = await participant(otherEditionId, "Far");
    await expect(
      answerMeetingRequest(db(), {
        editionId: otherEditionId,
        personId: far.personId,
        requestId: id,
        accept: true,
        now,
        publicUrl,
      }),
    ).rejects.toMatchObject({ code: "meeting_request_not_found" });
    // Two accepts at once: one wins, the other is told it was answered.
    const results = await Promise.allSettled([answer(jon, id, true), answer(jon, id, false)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { code: "meeting_request_answered" } });
  });
});
