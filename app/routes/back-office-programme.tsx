import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/back-office-programme";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { LocalisedFields, NumberField, Summary, useProblems, type FormState } from "~/features/programme/components/fields";
import { WarningList } from "~/features/programme/components/warning-list";
import { addDay, createRoom, programmeEditor, removeDay, updateRoom } from "~/features/programme/editor.server";
import { parseDayForm, parseRoomForm, postedValues, roomNameMax } from "~/features/programme/programme-forms";
import { warningsOf } from "~/features/programme/programme-warnings";
import { translate, type MessageKey } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { controlProps, FieldError, fieldClass } from "~/lib/form-errors";
import { formatDay, formatTime } from "~/lib/format";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { Localised } from "~/lib/localised";
import { pageTitle } from "~/lib/meta";
import { newSubmissionKey, onceOnly, submissionKey } from "~/lib/once.server";
import { SubmissionField } from "~/lib/once-field";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };

/** What a change just made says at the top of the page (Post/Redirect/Get). */
const notices = {
  day_added: "programme.done.dayAdded",
  day_removed: "programme.done.dayRemoved",
  room_added: "programme.done.roomAdded",
  room_saved: "programme.done.roomSaved",
  session_deleted: "programme.done.sessionDeleted",
} as const satisfies Record<string, MessageKey>;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "content");
    const editor = await programmeEditor(context.db, access);
    const done = new URL(request.url).searchParams.get("done");
    return data(
      {
        language,
        year: edition.year,
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        editor,
        notice: done && done in notices ? notices[done as keyof typeof notices] : null,
        dayKey: newSubmissionKey(),
        roomKey: newSubmissionKey(),
      },
      { headers: personalHeaders },
    );
  });
}

type Refused = { form: string } & FormState;

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "content");
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    const refuse = (refused: Refused) => data(refused, { status: 422 });
    const done = async (notice: keyof typeof notices) => {
      await context.contentChanged();
      return redirect(`${paths.backOffice(language, edition.year, "programme")}?done=${notice}`, 303);
    };
    switch (form.get("intent")) {
      case "add_day": {
        const day = parseDayForm(form);
        if (!day.ok) return refuse({ form: "day", problems: day.problems, values: postedValues(form) });
        const key = submissionKey(form);
        await context.db.transaction().execute((tx) => onceOnly(tx, { key, personId: access.personId, now }, () => addDay(tx, access, day.value, now)));
        return done("day_added");
      }
      case "remove_day":
        await removeDay(context.db, access, parseId(String(form.get("day") ?? "")), now);
        return done("day_removed");
      case "add_room": {
        const room = parseRoomForm(form);
        if (!room.ok) return refuse({ form: "room-new", problems: room.problems, values: postedValues(form) });
        const key = submissionKey(form);
        await context.db.transaction().execute((tx) => onceOnly(tx, { key, personId: access.personId, now }, () => createRoom(tx, access, room.value, now)));
        return done("room_added");
      }
      case "update_room": {
        const roomId = parseId(String(form.get("room") ?? ""));
        const room = parseRoomForm(form);
        if (!room.ok) return refuse({ form: `room-${roomId}`, problems: room.problems, values: postedValues(form) });
        await updateRoom(context.db, access, roomId, room.value, now);
        return done("room_saved");
      }
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, translate(page.language, "programme.editor.title", { year: page.year })) }] : [];

function refusedFor(actionData: unknown, form: string): FormState | undefined {
  return actionData && typeof actionData === "object" && "form" in actionData && (actionData as Refused).form === form ? (actionData as Refused) : undefined;
}

function RoomForm({ room, csrfToken, submission, actionData }: { room?: { id: number; name: { fr: string; en: string }; capacity: number | null }; csrfToken: string; submission?: string; actionData: unknown }) {
  const t = useTranslate();
  const formName = room ? `room-${room.id}` : "room-new";
  const state = refusedFor(actionData, formName);
  const prefix = `${formName}-`;
  const problems = useProblems(
    state,
    [
      ["room_name_fr", t("programme.field.inFrench", { label: t("programme.room.name") })],
      ["room_name_en", t("programme.field.inEnglish", { label: t("programme.room.name") })],
      ["room_capacity", t("programme.room.capacity")],
    ],
    prefix,
  );
  return (
    <Form method="post" className="registration-form">
      <CsrfField token={csrfToken} />
      {submission && <SubmissionField value={submission} />}
      {room && <input type="hidden" name="room" value={room.id} />}
      <fieldset>
        <legend>{room ? room.name.fr + " / " + room.name.en : t("programme.room.add")}</legend>
        <Summary problems={problems} />
        <LocalisedFields name="room_name" label={t("programme.room.name")} defaultValue={room?.name ?? null} state={state} max={roomNameMax} required prefix={prefix} />
        <NumberField name="room_capacity" label={t("programme.room.capacity")} defaultValue={room?.capacity ?? null} state={state} prefix={prefix} />
        <button type="submit" name="intent" value={room ? "update_room" : "add_room"} className="button">
          {room ? t("programme.room.save") : t("programme.room.addSubmit")}
        </button>
      </fieldset>
    </Form>
  );
}

export default function ProgrammeEditorPage({ loaderData, actionData }: Route.ComponentProps) {
  const { year, csrfToken, permissions, editor, notice, dayKey, roomKey } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const zone = editor.timeZone;
  const dayState = refusedFor(actionData, "day");
  const dayError = dayState?.problems.date ? t(dayState.problems.date) : undefined;
  const names = { sessions: editor.sessions, rooms: editor.rooms, speakers: editor.speakers };
  return (
    <>
      <BackOfficeNav year={year} permissions={permissions} current="programme" />
      <h1>{t("programme.editor.title", { year })}</h1>
      <ErrorNotice error={actionError(actionData)} />
      {notice && (
        <p className="notice notice--open" role="status">
          {t(notice)}
        </p>
      )}
      <p>
        <Link className="button" to={paths.programmeSession(language, year, "new")}>
          {t("programme.editor.addSession")}
        </Link>{" "}
        <Link className="button button--secondary" to={paths.programmeSpeakers(language, year)}>
          {t("programme.speakers.editorTitle")}
        </Link>{" "}
        <Link to={paths.programme(language, year)}>{t("programme.editor.public")}</Link>
      </p>

      <WarningList warnings={editor.warnings} names={names} year={year} />

      <section aria-labelledby="sessions">
        <h2 id="sessions">{t("programme.editor.sessions")}</h2>
        {editor.days.map((day) => {
          const sessions = editor.sessions.filter((session) => session.day_id === day.id);
          return (
            <section key={day.id} aria-labelledby={`day-${day.id}`}>
              <h3 id={`day-${day.id}`}>{formatDay(day.day, language)}</h3>
              {sessions.length === 0 ? (
                <p>{t("programme.editor.noSession")}</p>
              ) : (
                <ol className="cards">
                  {sessions.map((session) => {
                    const count = warningsOf(editor.warnings, session.id).length;
                    return (
                      <li key={session.id} className="card">
                        <p className="meta">
                          {t("session.time", { start: formatTime(session.starts_at, language, zone), end: formatTime(session.ends_at, language, zone) })} —{" "}
                          {t(`kind.${session.kind}`)}
                          {session.room_name && <> — {session.room_name[language]}</>}
                        </p>
                        <p>
                          <Link to={paths.programmeSession(language, year, session.id)}><Localised value={session.title} /></Link>
                        </p>
                        {count > 0 && <p className="field-error">{t("programme.warnings.count", { count })}</p>}
                      </li>
                    );
                  })}
                </ol>
              )}
            </section>
          );
        })}
      </section>

      <section aria-labelledby="days">
        <h2 id="days">{t("programme.days.title")}</h2>
        <ul>
          {editor.days.map((day) => (
            <li key={day.id}>
              {formatDay(day.day, language)} — {t("programme.days.sessions", { count: day.sessions })}
              {day.sessions === 0 && (
                <Form method="post" className="inline-form">
                  <CsrfField token={csrfToken} />
                  <input type="hidden" name="day" value={day.id} />
                  <button type="submit" name="intent" value="remove_day" className="button button--secondary">
                    {t("programme.days.remove")}
                    <span className="visually-hidden"> – {formatDay(day.day, language)}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        <Form method="post" className="registration-form">
          <CsrfField token={csrfToken} />
          <SubmissionField value={dayKey} />
          <div className={fieldClass(dayError)}>
            <label htmlFor="day-date">{t("programme.days.date")}</label>
            <FieldError id="day-date" message={dayError} />
            <input id="day-date" name="date" type="date" required defaultValue={dayState?.values.date ?? ""} {...controlProps("day-date", dayError)} />
          </div>
          <button type="submit" name="intent" value="add_day" className="button">
            {t("programme.days.add")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="rooms">
        <h2 id="rooms">{t("programme.room.title")}</h2>
        <p className="hint">{t("programme.room.help")}</p>
        {editor.rooms.map((room) => (
          <RoomForm key={room.id} room={room} csrfToken={csrfToken} actionData={actionData} />
        ))}
        <RoomForm csrfToken={csrfToken} submission={roomKey} actionData={actionData} />
      </section>
    </>
  );
}
