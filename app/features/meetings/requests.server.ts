import { sql, type Kysely, type Transaction } from "kysely";
import type { DB, MeetingPriority, MeetingRequestStatus } from "~/db/schema";
import { composeMail, inertText } from "~/features/mail/compose";
import { enqueueMail } from "~/features/mail/outbox.server";
import { isLanguage, type Language } from "~/i18n/languages";
import { translate, type MessageKey } from "~/i18n/translate";
import { AppError } from "~/lib/errors";
import { paths } from "~/lib/paths";
import { requestMessageMax } from "./limits";

/** A confirmed, not anonymised registration of the edition, with what the rules need of it. */
async function participant(db: Kysely<DB>, editionId: number, where: { personId: number } | { registrationId: number }) {
  let query = db
    .selectFrom("registration")
    .innerJoin("person", "person.id", "registration.person_id")
    .innerJoin("edition", "edition.id", "registration.edition_id")
    .leftJoin("meeting_profile", "meeting_profile.registration_id", "registration.id")
    .where("registration.edition_id", "=", editionId)
    .where("registration.status", "=", "confirmed")
    .where("registration.anonymised_at", "is", null)
    .select([
      "registration.id",
      "registration.delegation_id",
      "registration.given_name",
      "registration.family_name",
      "registration.organisation_name",
      "registration.email",
      "person.language",
      "edition.year",
      "meeting_profile.published_at",
      "meeting_profile.max_meetings",
    ]);
  query = "personId" in where ? query.where("registration.person_id", "=", where.personId) : query.where("registration.id", "=", where.registrationId);
  const row = await query.executeTakeFirst();
  return row
    ? {
        ...row,
        language: isLanguage(row.language) ? row.language : ("fr" as Language),
      }
    : undefined;
}
type Participant = NonNullable<Awaited<ReturnType<typeof participant>>>;

async function requireParticipant(db: Kysely<DB>, editionId: number, personId: number): Promise<Participant> {
  const row = await participant(db, editionId, { personId });
  if (!row) throw new AppError("meeting_not_participant");
  return row;
}

/** Someone one may ask: a confirmed participant of the edition with a published profile. */
async function requireInvitee(db: Kysely<DB>, editionId: number, registrationId: number): Promise<Participant> {
  const row = await participant(db, editionId, { registrationId });
  if (!row?.published_at) throw new AppError("meeting_invitee_unknown");
  return row;
}

async function requestsClosed(db: Kysely<DB>, editionId: number, now: Date): Promise<boolean> {
  const settings = await db.selectFrom("meeting_settings").where("edition_id", "=", editionId).select("requests_close_at").executeTakeFirst();
  return Boolean(settings?.requests_close_at && settings.requests_close_at <= now);
}

/** Accepted requests of a person: the meetings they have, or will have once scheduled. */
async function acceptedCount(db: Kysely<DB>, registrationId: number): Promise<number> {
  const row = await db
    .selectFrom("meeting_request")
    .where("status", "=", "accepted")
    .where((eb) => eb.or([eb("requester_registration_id", "=", registrationId), eb("invitee_registration_id", "=", registrationId)]))
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

async function requireBelowCap(db: Kysely<DB>, person: Participant, code: "meeting_cap_reached" | "meeting_invitee_cap_reached"): Promise<void> {
  if (person.max_meetings !== null && (await acceptedCount(db, person.id)) >= person.max_meetings) throw new AppError(code);
}

/** Locks the registrations a change concerns, in one order, so that two changes wait for each other. */
async function lockRegistrations(tx: Transaction<DB>, ids: number[]): Promise<void> {
  await tx
    .selectFrom("registration")
    .where(
      "id",
      "in",
      [...new Set(ids)].sort((a, b) => a - b),
    )
    .select("id")
    .orderBy("id")
    .forUpdate()
    .execute();
}

/** Tells `to`, in their language, what `about` did; with the requester's message, or the colleagues named. */
async function notify(
  db: Kysely<DB>,
  to: Participant,
  about: Participant,
  key: "asked" | "accepted" | "declined" | "redirected",
  publicUrl: string,
  extra: { message?: string; colleagues?: string } = {},
) {
  const t = (k: MessageKey, values?: Record<string, string>) => translate(to.language, k, values);
  const values = {
    name: inertText(`${about.given_name} ${about.family_name}`),
    organisation: inertText(about.organisation_name),
    year: String(to.year),
    colleagues: inertText(extra.colleagues ?? "", 400),
  };
  const paragraphs = [t("meetings.mail.greeting", { name: inertText(to.given_name) }), t(`meetings.mail.${key}.text`, values)];
  if (extra.message)
    paragraphs.push(
      t("meetings.mail.message", {
        message: inertText(extra.message, requestMessageMax),
      }),
    );
  const mail = composeMail({
    language: to.language,
    subject: t(`meetings.mail.${key}.subject`, values),
    paragraphs,
    action: {
      label: t("meetings.mail.action"),
      url: publicUrl + paths.meetingRequests(to.language, to.year),
    },
  });
  await enqueueMail(db, { to: to.email, language: to.language, ...mail });
}

/**
 * Asks `inviteeRegistrationId` for a meeting, alone or delegation with delegation. Refused with
 * a code: to oneself, to one's own delegation, to someone without a published profile, after
 * requests close, twice, after being declined, or with one's limit of meetings reached.
 */
export async function askForMeeting(
  db: Kysely<DB>,
  request: {
    editionId: number;
    personId: number;
    inviteeRegistrationId: number;
    priority: MeetingPriority;
    message: string;
    groupMeeting: boolean;
    now: Date;
    publicUrl: string;
  },
): Promise<number> {
  const message = request.message.trim();
  if ([...message].length > requestMessageMax) throw new AppError("meeting_message_too_long");
  return db.transaction().execute(async (tx) => {
    const requester = await requireParticipant(tx, request.editionId, request.personId);
    if (requester.id === request.inviteeRegistrationId) throw new AppError("meeting_request_self");
    const invitee = await requireInvitee(tx, request.editionId, request.inviteeRegistrationId);
    await lockRegistrations(tx, [requester.id, invitee.id]);
    if (await requestsClosed(tx, request.editionId, request.now)) throw new AppError("meeting_requests_closed");
    if (requester.delegation_id !== null && requester.delegation_id === invitee.delegation_id) throw new AppError("meeting_same_delegation");
    if (request.groupMeeting && (requester.delegation_id === null || invitee.delegation_id === null)) throw new AppError("meeting_group_without_delegation");
    const earlier = await tx
      .selectFrom("meeting_request")
      .where((eb) =>
        eb.or([
          eb.and([eb("requester_registration_id", "=", requester.id), eb("invitee_registration_id", "=", invitee.id)]),
          eb.and([eb("requester_registration_id", "=", invitee.id), eb("invitee_registration_id", "=", requester.id)]),
        ]),
      )
      .select(["status", "invitee_registration_id"])
      .execute();
    if (earlier.some((row) => row.status === "pending" || row.status === "accepted")) throw new AppError("meeting_request_exists");
    if (earlier.some((row) => row.status === "declined" && row.invitee_registration_id === invitee.id)) throw new AppError("meeting_request_declined");
    await requireBelowCap(tx, requester, "meeting_cap_reached");
    const { id } = await tx
      .insertInto("meeting_request")
      .values({
        edition_id: request.editionId,
        requester_registration_id: requester.id,
        invitee_registration_id: invitee.id,
        group_meeting: request.groupMeeting,
        priority: request.priority,
        message,
        created_at: request.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await notify(tx, invitee, requester, "asked", request.publicUrl, {
      message,
    });
    return id;
  });
}

/** A pending request to this person, locked with both people for the change. */
async function pendingRequestTo(tx: Transaction<DB>, editionId: number, personId: number, requestId: number, now: Date) {
  const invitee = await requireParticipant(tx, editionId, personId);
  const row = await tx
    .selectFrom("meeting_request")
    .where("id", "=", requestId)
    .where("edition_id", "=", editionId)
    .where("invitee_registration_id", "=", invitee.id)
    .select(["id", "requester_registration_id", "status", "group_meeting", "priority", "message"])
    .executeTakeFirst();
  if (!row) throw new AppError("meeting_request_not_found");
  await lockRegistrations(tx, [invitee.id, row.requester_registration_id]);
  const { status } = await tx.selectFrom("meeting_request").where("id", "=", requestId).select("status").executeTakeFirstOrThrow();
  if (status !== "pending") throw new AppError("meeting_request_answered");
  if (await requestsClosed(tx, editionId, now)) throw new AppError("meeting_requests_closed");
  const requester = await participant(tx, editionId, {
    registrationId: row.requester_registration_id,
  });
  if (!requester) throw new AppError("meeting_request_not_found");
  return { request: row, invitee, requester };
}

/** The invitee accepts or declines; the requester is told, in their language. */
export async function answerMeetingRequest(
  db: Kysely<DB>,
  request: {
    editionId: number;
    personId: number;
    requestId: number;
    accept: boolean;
    now: Date;
    publicUrl: string;
  },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const { invitee, requester } = await pendingRequestTo(tx, request.editionId, request.personId, request.requestId, request.now);
    if (request.accept) {
      await requireBelowCap(tx, invitee, "meeting_cap_reached");
      await requireBelowCap(tx, requester, "meeting_invitee_cap_reached");
    }
    await tx
      .updateTable("meeting_request")
      .set({
        status: request.accept ? "accepted" : "declined",
        answered_at: request.now,
      })
      .where("id", "=", request.requestId)
      .execute();
    await notify(tx, requester, invitee, request.accept ? "accepted" : "declined", request.publicUrl);
  });
}

/**
 * The invitee passes a request on to colleagues of their delegation: each gets the request as
 * if it had been made to them, and the requester is told who.
 */
export async function redirectMeetingRequest(
  db: Kysely<DB>,
  request: {
    editionId: number;
    personId: number;
    requestId: number;
    colleagueRegistrationIds: number[];
    now: Date;
    publicUrl: string;
  },
): Promise<void> {
  const colleagues = [...new Set(request.colleagueRegistrationIds)];
  if (colleagues.length === 0 || colleagues.length > 5) throw new AppError("meeting_colleagues_invalid");
  await db.transaction().execute(async (tx) => {
    const { request: original, invitee, requester } = await pendingRequestTo(tx, request.editionId, request.personId, request.requestId, request.now);
    const found = [];
    for (const id of colleagues) {
      const colleague = await participant(tx, request.editionId, {
        registrationId: id,
      });
      if (!colleague || colleague.id === invitee.id || invitee.delegation_id === null || colleague.delegation_id !== invitee.delegation_id) {
        throw new AppError("meeting_colleagues_invalid");
      }
      found.push(colleague);
    }
    await lockRegistrations(tx, [requester.id, ...found.map((colleague) => colleague.id)]);
    await tx.updateTable("meeting_request").set({ status: "redirected", answered_at: request.now }).where("id", "=", original.id).execute();
    for (const colleague of found) {
      const open = await tx
        .selectFrom("meeting_request")
        .where("status", "in", ["pending", "accepted"])
        .where(sql<boolean>`least(requester_registration_id, invitee_registration_id) = ${Math.min(requester.id, colleague.id)}`)
        .where(sql<boolean>`greatest(requester_registration_id, invitee_registration_id) = ${Math.max(requester.id, colleague.id)}`)
        .select("id")
        .executeTakeFirst();
      if (open) continue;
      await tx
        .insertInto("meeting_request")
        .values({
          edition_id: request.editionId,
          requester_registration_id: requester.id,
          invitee_registration_id: colleague.id,
          group_meeting: original.group_meeting,
          priority: original.priority,
          message: original.message,
          created_at: request.now,
          redirected_from_id: original.id,
        })
        .execute();
      await notify(tx, colleague, requester, "asked", request.publicUrl, {
        message: original.message,
      });
    }
    await notify(tx, requester, invitee, "redirected", request.publicUrl, {
      colleagues: found.map((colleague) => `${colleague.given_name} ${colleague.family_name}`).join(", "),
    });
  });
}

/** The requester takes back a request not yet answered (an accepted one is cancelled: see cancelMeeting). */
export async function withdrawMeetingRequest(
  db: Kysely<DB>,
  request: {
    editionId: number;
    personId: number;
    requestId: number;
    now: Date;
  },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const requester = await requireParticipant(tx, request.editionId, request.personId);
    const row = await tx
      .selectFrom("meeting_request")
      .where("id", "=", request.requestId)
      .where("edition_id", "=", request.editionId)
      .where("requester_registration_id", "=", requester.id)
      .select(["invitee_registration_id"])
      .executeTakeFirst();
    if (!row) throw new AppError("meeting_request_not_found");
    await lockRegistrations(tx, [requester.id, row.invitee_registration_id]);
    const changed = await tx
      .updateTable("meeting_request")
      .set({ status: "withdrawn", answered_at: request.now })
      .where("id", "=", request.requestId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (changed.numUpdatedRows === 0n) throw new AppError("meeting_request_answered");
  });
}

export interface MeetingRequestView {
  id: number;
  direction: "incoming" | "outgoing";
  /** Pending past the closing of requests reads as expired. */
  status: MeetingRequestStatus;
  priority: MeetingPriority;
  groupMeeting: boolean;
  message: string;
  createdAt: Date;
  other: {
    registrationId: number;
    name: string;
    organisation: string;
    countryCode: string;
  };
}

/** A person's requests of the edition, both ways, newest first. */
export async function listMeetingRequests(db: Kysely<DB>, request: { editionId: number; personId: number; now: Date }): Promise<MeetingRequestView[]> {
  const me = await requireParticipant(db, request.editionId, request.personId);
  const closed = await requestsClosed(db, request.editionId, request.now);
  const rows = await db
    .selectFrom("meeting_request")
    .innerJoin("registration as other", (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb("meeting_request.requester_registration_id", "=", me.id), eb("other.id", "=", eb.ref("meeting_request.invitee_registration_id"))]),
          eb.and([eb("meeting_request.invitee_registration_id", "=", me.id), eb("other.id", "=", eb.ref("meeting_request.requester_registration_id"))]),
        ]),
      ),
    )
    .where("meeting_request.edition_id", "=", request.editionId)
    .select([
      "meeting_request.id",
      "meeting_request.requester_registration_id",
      "meeting_request.status",
      "meeting_request.priority",
      "meeting_request.group_meeting",
      "meeting_request.message",
      "meeting_request.created_at",
      "other.id as otherId",
      "other.given_name",
      "other.family_name",
      "other.organisation_name",
      "other.country_code",
    ])
    .orderBy("meeting_request.created_at", "desc")
    .orderBy("meeting_request.id", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    direction: row.requester_registration_id === me.id ? "outgoing" : "incoming",
    status: row.status === "pending" && closed ? "expired" : row.status,
    priority: row.priority,
    groupMeeting: row.group_meeting,
    message: row.message,
    createdAt: row.created_at,
    other: {
      registrationId: row.otherId,
      name: `${row.given_name} ${row.family_name}`,
      organisation: row.organisation_name,
      countryCode: row.country_code,
    },
  }));
}

/** Whom a participant is about to ask: someone in the directory, by name and organisation. */
export async function meetingInvitee(db: Kysely<DB>, request: { editionId: number; personId: number; registrationId: number }) {
  const me = await requireParticipant(db, request.editionId, request.personId);
  const invitee = await requireInvitee(db, request.editionId, request.registrationId);
  return {
    registrationId: invitee.id,
    name: `${invitee.given_name} ${invitee.family_name}`,
    organisation: invitee.organisation_name,
    // Delegation with delegation is offered when both belong to one, and not the same.
    groupPossible: me.delegation_id !== null && invitee.delegation_id !== null && me.delegation_id !== invitee.delegation_id,
  };
}

/** The other confirmed members of a participant's delegation, to whom they may pass a request. */
export async function delegationColleagues(db: Kysely<DB>, request: { editionId: number; personId: number }) {
  const me = await requireParticipant(db, request.editionId, request.personId);
  if (me.delegation_id === null) return [];
  const rows = await db
    .selectFrom("registration")
    .where("edition_id", "=", request.editionId)
    .where("delegation_id", "=", me.delegation_id)
    .where("status", "=", "confirmed")
    .where("anonymised_at", "is", null)
    .where("id", "<>", me.id)
    .select(["id", "given_name", "family_name"])
    .orderBy("sort_name")
    .execute();
  return rows.map((row) => ({ registrationId: row.id, name: `${row.given_name} ${row.family_name}` }));
}

/** Whether requests can still be made and answered. */
export async function meetingRequestsOpen(db: Kysely<DB>, editionId: number, now: Date): Promise<boolean> {
  return !(await requestsClosed(db, editionId, now));
}
