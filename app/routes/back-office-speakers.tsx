import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/back-office-speakers";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { ImageField } from "~/features/media/components/image-field";
import { chosenFile } from "~/features/media/image.server";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { LocalisedFields, Summary, TextField, useProblems, type FormState } from "~/features/programme/components/fields";
import { biographyMax, nameMax, organisationMax, parseSpeakerForm, postedValues, roleMax } from "~/features/programme/programme-forms";
import { createSpeaker, getSpeaker, listSpeakers, removeSpeaker, updateSpeaker, type SpeakerWithSessions } from "~/features/programme/speakers.server";
import { translate, type MessageKey } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError, type ActionError } from "~/lib/errors";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { Localised } from "~/lib/localised";
import { pageTitle } from "~/lib/meta";
import { newSubmissionKey, onceOnly, submissionKey } from "~/lib/once.server";
import { SubmissionField } from "~/lib/once-field";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

// The speakers and moderators of the programme: the list with a form to add one (no id in the
// URL), or one speaker's form, to change or remove them (an id).

const personalHeaders = { "Cache-Control": "private, no-store" };

const notices = {
  added: "programme.done.speakerAdded",
  saved: "programme.done.speakerSaved",
  removed: "programme.done.speakerRemoved",
} as const satisfies Record<string, MessageKey>;

const speakerIdOf = (params: { speakerId?: string }) => (params.speakerId === undefined ? null : parseId(params.speakerId));

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "content");
    const speakerId = speakerIdOf(params);
    const done = new URL(request.url).searchParams.get("done");
    return data(
      {
        language,
        year: edition.year,
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        speaker: speakerId === null ? null : await getSpeaker(context.db, access, speakerId),
        speakers: speakerId === null ? await listSpeakers(context.db, access) : [],
        notice: done && done in notices ? notices[done as keyof typeof notices] : null,
        submission: speakerId === null ? newSubmissionKey() : null,
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
    const speakerId = speakerIdOf(params);
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    const list = paths.programmeSpeakers(language, edition.year);
    const intent = form.get("intent");
    if (intent === "remove" && speakerId !== null) {
      await removeSpeaker(context.db, access, speakerId, now);
      await context.contentChanged();
      return redirect(`${list}?done=removed`, 303);
    }
    if (intent !== "save") throw new AppError("unknown_intent");
    const parsed = parseSpeakerForm(form);
    if (!parsed.ok) return data({ problems: parsed.problems, values: postedValues(form) } satisfies FormState, { status: 422 });
    if (speakerId === null) {
      const key = submissionKey(form);
      const photo = chosenFile(form.get("photo"));
      await context.db.transaction().execute((tx) => onceOnly(tx, { key, personId: access.personId, now }, () => createSpeaker(tx, access, parsed.value, now, photo)));
      await context.contentChanged();
      return redirect(`${list}?done=added`, 303);
    }
    await updateSpeaker(context.db, access, speakerId, parsed.value, now, { file: chosenFile(form.get("photo")), remove: form.get("remove_photo") === "yes" });
    await context.contentChanged();
    return redirect(`${paths.programmeSpeakers(language, edition.year, speakerId)}?done=saved`, 303);
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, page.speaker ? page.speaker.name : translate(page.language, "programme.speakers.editorTitle")) }] : [];

function SpeakerForm({
  speaker,
  state,
  error,
  csrfToken,
  submission,
}: {
  speaker: SpeakerWithSessions | null;
  state: FormState | undefined;
  error: ActionError | undefined;
  csrfToken: string;
  submission: string | null;
}) {
  const t = useTranslate();
  const problems = useProblems(state, [
    ["name", t("programme.speakers.name")],
    ["organisation", t("programme.speakers.organisation")],
    ["role_fr", t("programme.field.inFrench", { label: t("programme.speakers.role") })],
    ["role_en", t("programme.field.inEnglish", { label: t("programme.speakers.role") })],
    ["biography_fr", t("programme.field.inFrench", { label: t("programme.speakers.biography") })],
    ["biography_en", t("programme.field.inEnglish", { label: t("programme.speakers.biography") })],
  ]);
  return (
    <Form method="post" encType="multipart/form-data" className="registration-form" noValidate>
      <CsrfField token={csrfToken} />
      {submission && <SubmissionField value={submission} />}
      <fieldset>
        <legend>{speaker ? t("programme.speakers.edit") : t("programme.speakers.add")}</legend>
        <Summary problems={problems} />
        <TextField name="name" label={t("programme.speakers.name")} defaultValue={speaker?.name ?? ""} state={state} max={nameMax} required />
        <TextField name="organisation" label={t("programme.speakers.organisation")} defaultValue={speaker?.organisation ?? ""} state={state} max={organisationMax} />
        <LocalisedFields name="role" label={t("programme.speakers.role")} defaultValue={speaker?.role ?? null} state={state} max={roleMax} />
        <LocalisedFields name="biography" label={t("programme.speakers.biography")} defaultValue={speaker?.biography ?? null} state={state} max={biographyMax} multiline />
        <ImageField
          id="photo"
          name="photo"
          label={t("programme.speakers.photo")}
          error={error}
          current={speaker?.photo ? { src: speaker.photo, alt: t("programme.speakers.photoAlt", { name: speaker.name }) } : undefined}
          removable="remove_photo"
        />
        <button type="submit" name="intent" value="save" className="button">
          {speaker ? t("programme.speakers.save") : t("programme.speakers.addSubmit")}
        </button>
      </fieldset>
    </Form>
  );
}

export default function SpeakersEditorPage({ loaderData, actionData }: Route.ComponentProps) {
  const { year, csrfToken, permissions, speaker, speakers, notice, submission } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const state = actionData && "problems" in actionData ? (actionData as FormState) : undefined;
  return (
    <>
      <BackOfficeNav year={year} permissions={permissions} current="programme" />
      <p>
        <Link to={speaker ? paths.programmeSpeakers(language, year) : paths.backOffice(language, year, "programme")}>
          {speaker ? t("programme.speakers.back") : t("programme.session.back")}
        </Link>
      </p>
      <h1>{speaker ? speaker.name : t("programme.speakers.editorTitle")}</h1>
      <ErrorNotice error={actionError(actionData)} />
      {notice && (
        <p className="notice notice--open" role="status">
          {t(notice)}
        </p>
      )}
      {speaker ? (
        <>
          <SpeakerForm speaker={speaker} state={state} error={actionError(actionData)} csrfToken={csrfToken} submission={null} />
          <section aria-labelledby="speaker-sessions">
            <h2 id="speaker-sessions">{t("programme.speakers.sessions")}</h2>
            {speaker.sessions.length === 0 ? (
              <>
                <p>{t("programme.speakers.noSession")}</p>
                <Form method="post">
                  <CsrfField token={csrfToken} />
                  <button type="submit" name="intent" value="remove" className="button button--secondary">
                    {t("programme.speakers.remove")}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <ul>
                  {speaker.sessions.map((session) => (
                    <li key={session.id}>
                      <Link to={paths.programmeSession(language, year, session.id)}><Localised value={session.title} /></Link> ({t(`programme.part.${session.part}`)})
                    </li>
                  ))}
                </ul>
                <p className="hint">{t("programme.speakers.removeHelp")}</p>
              </>
            )}
          </section>
        </>
      ) : (
        <>
          <ul className="cards">
            {speakers.map((item) => (
              <li key={item.id} className="card">
                <p>
                  <Link to={paths.programmeSpeakers(language, year, item.id)}>{item.name}</Link>
                  {item.organisation && <>, {item.organisation}</>}
                </p>
                <p className="meta">{t("programme.speakers.sessionCount", { count: item.sessions.length })}</p>
              </li>
            ))}
          </ul>
          <SpeakerForm speaker={null} state={state} error={actionError(actionData)} csrfToken={csrfToken} submission={submission} />
        </>
      )}
    </>
  );
}
