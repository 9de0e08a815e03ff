import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/back-office-session";
import { sessionKinds } from "~/db/schema";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { zonedTime } from "~/features/calendar/zoned-time";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { LocalisedFields, NumberField, Summary, useProblems, type FormState } from "~/features/programme/components/fields";
import { WarningList } from "~/features/programme/components/warning-list";
import { createSession, deleteSession, programmeEditor, sessionForEditing, updateSession } from "~/features/programme/editor.server";
import { descriptionMax, parseSessionForm, postedValues, titleMax } from "~/features/programme/programme-forms";
import { translate } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { controlProps, FieldError, fieldClass } from "~/lib/form-errors";
import { formatDay } from "~/lib/format";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { newSubmissionKey, onceOnly, submissionKey } from "~/lib/once.server";
import { SubmissionField } from "~/lib/once-field";
import { paths } from "~/lib/paths";
import { localisedString } from "~/lib/localised";
import { useLanguage, useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };

const pad = (value: number) => String(value).padStart(2, "0");
/** An instant as a `datetime-local` value in the edition's time zone. */
function localValue(instant: Date, timeZone: string): string {
  const time = zonedTime(instant, timeZone);
  return `${time.year}-${pad(time.month)}-${pad(time.day)}T${pad(time.hour)}:${pad(time.minute)}`;
}

/** The session id of the URL, or null on the form of a new session. */
const sessionIdOf = (params: { sessionId?: string }) => (params.sessionId === undefined ? null : parseId(params.sessionId));

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "content");
    const sessionId = sessionIdOf(params);
    const found = sessionId === null ? { editor: await programmeEditor(context.db, access), session: null, warnings: [] } : await sessionForEditing(context.db, access, sessionId);
    const session = found.session && {
      ...found.session,
      starts_local: localValue(found.session.starts_at, edition.time_zone),
      ends_local: localValue(found.session.ends_at, edition.time_zone),
    };
    return data(
      {
        language,
        year: edition.year,
        timeZone: edition.time_zone,
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        editor: found.editor,
        session,
        warnings: found.warnings,
        saved: new URL(request.url).searchParams.has("saved"),
        submission: sessionId === null ? newSubmissionKey() : null,
      },
      { headers: personalHeaders },
    );
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "content");
    const sessionId = sessionIdOf(params);
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    const intent = form.get("intent");
    if (intent === "delete" && sessionId !== null) {
      await deleteSession(context.db, access, sessionId, now);
      await context.contentChanged();
      return redirect(`${paths.backOffice(language, edition.year, "programme")}?done=session_deleted`, 303);
    }
    if (intent !== "save") throw new AppError("unknown_intent");
    const parsed = parseSessionForm(form, edition.time_zone);
    if (!parsed.ok) return data({ problems: parsed.problems, values: postedValues(form) } satisfies FormState, { status: 422 });
    let id: number;
    if (sessionId === null) {
      const key = submissionKey(form);
      const created = await context.db
        .transaction()
        .execute((tx) => onceOnly(tx, { key, personId: access.personId, now }, () => createSession(tx, access, parsed.value, now)));
      id = created.result.id;
    } else {
      await updateSession(context.db, access, sessionId, parsed.value, now);
      id = sessionId;
    }
    await context.contentChanged();
    return redirect(`${paths.programmeSession(language, edition.year, id)}?saved`, 303);
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page
    ? [{ title: pageTitle(page.language, page.session ? page.session.title[page.language] : translate(page.language, "programme.session.newTitle")) }]
    : [];

export default function SessionFormPage({ loaderData, actionData }: Route.ComponentProps) {
  const { year, timeZone, csrfToken, permissions, editor, session, warnings, saved, submission } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const state = actionData && "problems" in actionData ? (actionData as FormState) : undefined;
  const value = (name: string, initial: string) => (state ? (state.values[name] ?? "") : initial);
  const firstDay = editor.days[0]?.day ?? `${year}-01-01`;
  const fieldError = (name: string) => (state?.problems[name] ? t(state.problems[name]) : undefined);
  const problems = useProblems(state, [
    ["kind", t("programme.session.kind")],
    ["title_fr", t("programme.field.inFrench", { label: t("programme.session.title") })],
    ["title_en", t("programme.field.inEnglish", { label: t("programme.session.title") })],
    ["description_fr", t("programme.field.inFrench", { label: t("programme.session.description") })],
    ["description_en", t("programme.field.inEnglish", { label: t("programme.session.description") })],
    ["day", t("programme.session.day")],
    ["starts_at", t("programme.session.startsAt")],
    ["ends_at", t("programme.session.endsAt")],
    ["room", t("programme.session.room")],
    ["capacity", t("programme.session.capacity")],
  ]);
  const select = (name: string, label: string, initial: string, options: { value: string; label: string }[]) => {
    const error = fieldError(name);
    return (
      <div className={fieldClass(error)}>
        <label htmlFor={name}>{label}</label>
        <FieldError id={name} message={error} />
        <select id={name} name={name} defaultValue={value(name, initial)} {...controlProps(name, error)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    );
  };
  const dateTime = (name: "starts_at" | "ends_at", label: string, initial: string) => {
    const error = fieldError(name);
    return (
      <div className={fieldClass(error)}>
        <label htmlFor={name}>{label}</label>
        <p className="hint" id={`${name}-hint`}>
          {t("programme.session.timeHelp", { zone: timeZone })}
        </p>
        <FieldError id={name} message={error} />
        <input id={name} name={name} type="datetime-local" required defaultValue={value(name, initial)} {...controlProps(name, error, `${name}-hint`)} />
      </div>
    );
  };
  const title = session ? localisedString(session.title, language) : t("programme.session.newTitle");
  return (
    <>
      <BackOfficeNav year={year} permissions={permissions} current="programme" />
      <p>
        <Link to={paths.backOffice(language, year, "programme")}>{t("programme.session.back")}</Link>
      </p>
      <h1>{title}</h1>
      <ErrorNotice error={actionError(actionData)} />
      {saved && (
        <p className="notice notice--open" role="status">
          {t("programme.done.sessionSaved")}
        </p>
      )}
      <WarningList warnings={warnings} names={{ sessions: editor.sessions, rooms: editor.rooms, speakers: editor.speakers }} year={year} />
      {session && (
        <p>
          <Link to={paths.session(language, year, session.id)}>{t("programme.session.publicPage")}</Link>
        </p>
      )}
      <Form method="post" className="registration-form" noValidate>
        <CsrfField token={csrfToken} />
        {submission && <SubmissionField value={submission} />}
        <Summary problems={problems} />
        {select(
          "kind",
          t("programme.session.kind"),
          session?.kind ?? "conference",
          sessionKinds.map((kind) => ({ value: kind, label: t(`kind.${kind}`) })),
        )}
        <LocalisedFields name="title" label={t("programme.session.title")} defaultValue={session?.title ?? null} state={state} max={titleMax} required />
        <LocalisedFields name="description" label={t("programme.session.description")} defaultValue={session?.description ?? null} state={state} max={descriptionMax} multiline />
        {select(
          "day",
          t("programme.session.day"),
          String(session?.day_id ?? editor.days[0]?.id ?? ""),
          editor.days.map((day) => ({ value: String(day.id), label: formatDay(day.day, language) })),
        )}
        {dateTime("starts_at", t("programme.session.startsAt"), session?.starts_local ?? `${firstDay}T09:00`)}
        {dateTime("ends_at", t("programme.session.endsAt"), session?.ends_local ?? `${firstDay}T10:00`)}
        {select("room", t("programme.session.room"), String(session?.room_id ?? ""), [
          { value: "", label: t("programme.session.noRoom") },
          ...editor.rooms.map((room) => ({
            value: String(room.id),
            label: room.capacity === null ? room.name[language] : t("programme.session.roomWithCapacity", { room: room.name[language], capacity: room.capacity }),
          })),
        ])}
        <p className="hint">{t("programme.session.parallelHelp")}</p>
        <div className="field">
          <label>
            <input type="checkbox" name="requires_signup" defaultChecked={state ? state.values.requires_signup === "on" : (session?.requires_signup ?? false)} />{" "}
            {t("programme.session.requiresSignup")}
          </label>
        </div>
        <NumberField name="capacity" label={t("programme.session.capacity")} defaultValue={session?.capacity ?? null} state={state} />
        {session?.wish_round_id != null && <p className="hint">{t("programme.session.inWishRound")}</p>}
        <fieldset>
          <legend>{t("programme.session.speakers")}</legend>
          {editor.speakers.length === 0 && <p>{t("programme.session.noSpeakers")}</p>}
          {editor.speakers.map((speaker) => {
            const name = `speaker_${speaker.id}`;
            const current = session?.speakers.find((candidate) => candidate.id === speaker.id)?.part ?? "";
            return (
              <div className="field" key={speaker.id}>
                <label htmlFor={name}>
                  {speaker.name}
                  {speaker.organisation && `, ${speaker.organisation}`}
                </label>
                <select id={name} name={name} defaultValue={value(name, current)}>
                  <option value="">{t("programme.session.notOnSession")}</option>
                  <option value="speaker">{t("programme.part.speaker")}</option>
                  <option value="moderator">{t("programme.part.moderator")}</option>
                </select>
              </div>
            );
          })}
          <p>
            <Link to={paths.programmeSpeakers(language, year)}>{t("programme.session.manageSpeakers")}</Link>
          </p>
        </fieldset>
        <button type="submit" name="intent" value="save" className="button">
          {session ? t("programme.session.save") : t("programme.session.create")}
        </button>
      </Form>
      {session && (
        <Form method="post" className="registration-form">
          <CsrfField token={csrfToken} />
          <p className="hint">{t("programme.session.deleteHelp")}</p>
          <button type="submit" name="intent" value="delete" className="button button--secondary">
            {t("programme.session.delete")}
          </button>
        </Form>
      )}
    </>
  );
}
