import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/meeting-requests";
import { requirePerson, verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { getEdition } from "~/features/editions/editions.server";
import {
  answerMeetingRequest,
  askForMeeting,
  delegationColleagues,
  listMeetingRequests,
  meetingInvitee,
  meetingRequestsOpen,
  redirectMeetingRequest,
  withdrawMeetingRequest,
} from "~/features/meetings/requests.server";
import { cancelMeeting, freeTimes, myMeetings, placeOwnMeeting } from "~/features/meetings/my-meetings.server";
import { MyMeetings } from "~/features/meetings/components/my-meetings";
import { meetingPriorities, type MeetingPriority } from "~/db/schema";
import { requestMessageMax } from "~/features/meetings/limits";
import { countryName, formatDateTime, formatTime } from "~/lib/format";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { FormPageTitle } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import type { RouteHandle } from "~/root";

const personalHeaders = { "Cache-Control": "private, no-store" };
const notices = ["asked", "accepted", "declined", "redirected", "withdrawn", "cancelled", "placed"] as const;
type Notice = (typeof notices)[number];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const edition = await getEdition(context.db, parseYear(params.year));
    const search = new URL(request.url).searchParams;
    const now = context.now();
    const to = search.get("to");
    const [requests, meetings, colleagues, open, invitee] = await Promise.all([
      listMeetingRequests(context.db, { editionId: edition.id, personId: person.personId, now }),
      myMeetings(context.db, { editionId: edition.id, personId: person.personId }),
      delegationColleagues(context.db, { editionId: edition.id, personId: person.personId }),
      meetingRequestsOpen(context.db, edition.id, now),
      to ? meetingInvitee(context.db, { editionId: edition.id, personId: person.personId, registrationId: parseId(to) }) : undefined,
    ]);
    const placedRequests = new Set(meetings.map((meeting) => meeting.requestId));
    const unplaced = requests.filter((item) => item.status === "accepted" && !placedRequests.has(item.id)).map((item) => item.id);
    const times = await freeTimes(context.db, { editionId: edition.id, personId: person.personId, requestIds: unplaced });
    const done = search.get("done");
    return data(
      {
        meetings,
        placedRequests: [...placedRequests],
        freeTimes: Object.fromEntries(times),
        language,
        year: edition.year,
        timeZone: edition.time_zone,
        requests,
        colleagues,
        open,
        invitee,
        done: (notices as readonly string[]).includes(done ?? "") ? (done as Notice) : undefined,
        csrfToken: person.csrfToken,
      },
      { headers: personalHeaders },
    );
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors<never, { values: { message: string; priority: string } }>(async (keep) => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const edition = await getEdition(context.db, parseYear(params.year));
    const base = { editionId: edition.id, personId: person.personId, now: context.now(), publicUrl: context.env.PUBLIC_URL };
    const done = (notice: Notice) => redirect(`${paths.meetingRequests(language, edition.year)}?done=${notice}`, { status: 303, headers: personalHeaders });
    const requestId = () => parseId(String(form.get("request") ?? ""));
    switch (form.get("intent")) {
      case "ask": {
        const message = String(form.get("message") ?? "");
        const priority = String(form.get("priority") ?? "");
        keep({ values: { message, priority } });
        if (!(meetingPriorities as readonly string[]).includes(priority)) throw new AppError("meeting_priority_missing");
        await askForMeeting(context.db, {
          ...base,
          inviteeRegistrationId: parseId(String(form.get("invitee") ?? "")),
          priority: priority as MeetingPriority,
          message,
          groupMeeting: form.get("group") === "yes",
        });
        throw done("asked");
      }
      case "accept":
      case "decline": {
        const accept = form.get("intent") === "accept";
        await answerMeetingRequest(context.db, { ...base, requestId: requestId(), accept });
        throw done(accept ? "accepted" : "declined");
      }
      case "redirect":
        await redirectMeetingRequest(context.db, {
          ...base,
          requestId: requestId(),
          colleagueRegistrationIds: form.getAll("colleague").map((value) => parseId(String(value))),
        });
        throw done("redirected");
      case "cancel":
        await cancelMeeting(context.db, { ...base, requestId: requestId() });
        throw done("cancelled");
      case "place":
        await placeOwnMeeting(context.db, { ...base, requestId: requestId(), slotId: parseId(String(form.get("slot") ?? "")) });
        throw done("placed");
      case "withdraw":
        await withdrawMeetingRequest(context.db, { ...base, requestId: requestId() });
        throw done("withdrawn");
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const handle: RouteHandle = { form: true };

export default function MeetingRequests({ loaderData, actionData }: Route.ComponentProps) {
  const { year, timeZone, requests, meetings, placedRequests, freeTimes: times, colleagues, open, invitee, done, csrfToken } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const error = actionError(actionData);
  const values = actionData && "values" in actionData && actionData.values ? actionData.values : { message: "", priority: "" };
  const incoming = requests.filter((request) => request.direction === "incoming");
  const outgoing = requests.filter((request) => request.direction === "outgoing");
  const title = t("meetings.requests.title", { year });
  const Request = ({ request }: { request: (typeof requests)[number] }) => (
    <li className="card">
      <h3>{request.other.name}</h3>
      <p>
        {request.other.organisation} — {countryName(request.other.countryCode, language)}
      </p>
      <p>
        {t(`meetings.status.${request.status}`)} · {t(`meetings.priority.${request.priority}`)}
        {request.groupMeeting && <> · {t("meetings.requests.group")}</>} · {formatDateTime(new Date(request.createdAt), language, timeZone)}
      </p>
      {request.message && <p className="break-anywhere">{request.message}</p>}
      {open && request.direction === "incoming" && request.status === "pending" && (
        <>
          <form method="post" className="inline-form">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="request" value={request.id} />
            <button type="submit" name="intent" value="accept" className="button">
              {t("meetings.requests.accept", { name: request.other.name })}
            </button>{" "}
            <button type="submit" name="intent" value="decline" className="button button--secondary">
              {t("meetings.requests.decline", { name: request.other.name })}
            </button>
          </form>
          {colleagues.length > 0 && (
            <form method="post" className="registration-form">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="request" value={request.id} />
              <fieldset className="field">
                <legend>{t("meetings.requests.redirectLegend", { name: request.other.name })}</legend>
                <ul className="choices">
                  {colleagues.map((colleague) => (
                    <li key={colleague.registrationId}>
                      <label>
                        <input type="checkbox" name="colleague" value={colleague.registrationId} /> {colleague.name}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <button type="submit" name="intent" value="redirect" className="button button--secondary">
                {t("meetings.requests.redirect")}
              </button>
            </form>
          )}
        </>
      )}
      {request.status === "accepted" && !placedRequests.includes(request.id) && times[request.id] !== undefined && (
        <ChooseTime requestId={request.id} names={request.other.name} times={times[request.id]!} />
      )}
      {request.status === "accepted" && !placedRequests.includes(request.id) && (
        <form method="post" className="inline-form">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="request" value={request.id} />
          <button type="submit" name="intent" value="cancel" className="button button--secondary">
            {t("meetings.mine.cancelLabel", { names: request.other.name })}
          </button>
        </form>
      )}
      {request.direction === "outgoing" && request.status === "pending" && (
        <form method="post" className="inline-form">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="request" value={request.id} />
          <button type="submit" name="intent" value="withdraw" className="button button--secondary">
            {t("meetings.requests.withdraw", { name: request.other.name })}
          </button>
        </form>
      )}
    </li>
  );
  const ChooseTime = ({ requestId, names, times: free }: { requestId: number; names: string; times: { slotId: number; startsAt: string | Date; endsAt: string | Date }[] }) =>
    free.length === 0 ? (
      <p>{t("meetings.mine.noFreeTime")}</p>
    ) : (
      <form method="post" className="registration-form">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="request" value={requestId} />
        <div className="field">
          <label htmlFor={`slot-${requestId}`}>{t("meetings.mine.choose", { names })}</label>
          <p className="hint" id={`slot-${requestId}-hint`}>
            {t("meetings.mine.chooseHint")}
          </p>
          <select id={`slot-${requestId}`} name="slot" aria-describedby={`slot-${requestId}-hint`}>
            {free.map((time) => (
              <option key={time.slotId} value={time.slotId}>
                {`${formatDateTime(new Date(time.startsAt), language, timeZone)}–${formatTime(new Date(time.endsAt), language, timeZone)}`}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" name="intent" value="place" className="button">
          {t("meetings.mine.chooseSubmit")}
        </button>
      </form>
    );
  return (
    <>
      <FormPageTitle title={title} refused={error !== undefined} />
      <h1>{title}</h1>
      <ErrorNotice error={error} />
      {done && !error && (
        <p className="notice notice--open" role="status">
          {t(`meetings.requests.done.${done}`)}
        </p>
      )}
      <MyMeetings meetings={meetings} year={year} timeZone={timeZone} csrfToken={csrfToken} />
      {!open && <p className="notice">{t("meetings.error.closed")}</p>}
      {invitee && open && (
        <section aria-labelledby="ask" className="card">
          <h2 id="ask">{t("meetings.requests.askTitle", { name: invitee.name })}</h2>
          <p>{invitee.organisation}</p>
          <form method="post" className="registration-form">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="invitee" value={invitee.registrationId} />
            <fieldset className="field">
              <legend>{t("meetings.requests.priority")}</legend>
              {meetingPriorities.map((priority) => (
                <label key={priority}>
                  <input type="radio" name="priority" value={priority} required defaultChecked={values.priority === priority} />{" "}
                  {t(`meetings.priority.${priority}`)}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="message">{t("meetings.requests.message")}</label>
              <p className="hint" id="message-hint">
                {t("meetings.requests.messageHint", { max: requestMessageMax })}
              </p>
              <textarea id="message" name="message" rows={4} maxLength={requestMessageMax} defaultValue={values.message} aria-describedby="message-hint" />
            </div>
            {invitee.groupPossible && (
              <div className="field">
                <label>
                  <input type="checkbox" name="group" value="yes" /> {t("meetings.requests.groupChoice")}
                </label>
              </div>
            )}
            <button type="submit" name="intent" value="ask" className="button">
              {t("meetings.requests.send")}
            </button>
          </form>
        </section>
      )}
      <section aria-labelledby="incoming">
        <h2 id="incoming">{t("meetings.requests.incoming")}</h2>
        {incoming.length === 0 ? (
          <p>{t("meetings.requests.none")}</p>
        ) : (
          <ul className="cards">
            {incoming.map((request) => (
              <Request key={request.id} request={request} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="outgoing">
        <h2 id="outgoing">{t("meetings.requests.outgoing")}</h2>
        {outgoing.length === 0 ? (
          <p>{t("meetings.requests.none")}</p>
        ) : (
          <ul className="cards">
            {outgoing.map((request) => (
              <Request key={request.id} request={request} />
            ))}
          </ul>
        )}
      </section>
      <ul className="desk-links">
        <li>
          <Link to={paths.meetingDirectory(language, year)}>{t("meetings.directory.link")}</Link>
        </li>
        <li>
          <Link to={paths.space(language)}>{t("space.back")}</Link>
        </li>
      </ul>
    </>
  );
}
