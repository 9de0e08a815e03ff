import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/back-office-registration";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { actionsFor, noteMaxLength } from "~/features/desk/person";
import { addNote, personPage, registrationEmail, registrationFormValues, resendConfirmation } from "~/features/desk/person.server";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { answerText } from "~/features/registration/confirmation";
import { consentTexts, formValues, parseAnswers, parseConsents, parsePersonFields, readAnswers } from "~/features/registration/form";
import { listQuestions } from "~/features/registration/questions.server";
import { RegistrationForm, type FormState } from "~/features/registration/registration-form";
import {
  cancelRegistrationAsOrganiser,
  decideOnRegistration,
  promoteRegistration,
  updateRegistrationAsOrganiser,
} from "~/features/registration/registration.server";
import type { MessageKey } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { countryName, formatDateTime, formatDay } from "~/lib/format";
import { FormPageTitle, MaxLengthHint } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { Localised } from "~/lib/localised";
import { paths } from "~/lib/paths";
import { PlainText } from "~/lib/plain-text";
import { useLanguage, useTranslate } from "~/lib/use-language";
import type { RouteHandle } from "~/root";

const personalHeaders = { "Cache-Control": "private, no-store" };

/** What the page says after an action, by the `done` parameter of the redirect. */
const doneMessages = {
  approve: "deskPerson.done.approve",
  refuse: "deskPerson.done.refuse",
  promote: "deskPerson.done.promote",
  promoteBeyond: "deskPerson.done.promoteBeyond",
  cancel: "deskPerson.done.cancel",
  resend: "deskPerson.done.resend",
  note: "deskPerson.done.note",
  edit: "deskPerson.done.edit",
  registered: "deskPerson.done.registered",
} as const satisfies Record<string, MessageKey>;
const isDone = (value: string | null): value is keyof typeof doneMessages => value !== null && value in doneMessages;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "registrations");
    const registrationId = parseId(params.registrationId);
    const search = new URL(request.url).searchParams;
    const page = await personPage(context.db, access, registrationId);
    const editing = search.has("edit") && page.registration.status !== "cancelled";
    const done = search.get("done");
    return data(
      {
        language,
        year: edition.year,
        timeZone: edition.time_zone,
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        page,
        done: isDone(done) ? done : null,
        form: editing
          ? {
              questions: await listQuestions(context.db, access.editionId),
              days: edition.days,
              categoriesRequiringApproval: edition.categories_requiring_approval,
              consentTexts: consentTexts(edition, language),
              state: { values: await registrationFormValues(context.db, access, registrationId), errors: {} } as FormState,
            }
          : null,
      },
      { headers: personalHeaders },
    );
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors<never, { state: FormState }>(async (keep) => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "registrations");
    const registrationId = parseId(params.registrationId);
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    const publicUrl = context.env.PUBLIC_URL;
    const here = paths.backOfficeRegistration(language, edition.year, registrationId);
    const done = (what: keyof typeof doneMessages) => redirect(`${here}?done=${what}`, 303);
    const intent = form.get("intent");
    switch (intent) {
      case "approve":
      case "refuse":
        await decideOnRegistration(context.db, access, { registrationId, approve: intent === "approve", now, publicUrl });
        throw done(intent);
      case "promote": {
        const { beyondCapacity } = await promoteRegistration(context.db, access, { registrationId, now, publicUrl });
        throw done(beyondCapacity ? "promoteBeyond" : "promote");
      }
      case "cancel":
        if (form.get("confirm") !== "yes") throw new AppError("confirmation_required");
        await cancelRegistrationAsOrganiser(context.db, access, { registrationId, now, publicUrl });
        throw done("cancel");
      case "resend":
        await resendConfirmation(context.db, access, { registrationId, now, publicUrl });
        throw done("resend");
      case "note":
        await addNote(context.db, access, { registrationId, body: String(form.get("note") ?? ""), now });
        throw redirect(`${here}?done=note#notes`, 303);
      case "edit": {
        const questions = await listQuestions(context.db, access.editionId);
        form.set("email", await registrationEmail(context.db, access, registrationId));
        const fields = parsePersonFields(form);
        const consents = parseConsents(form);
        const answers = parseAnswers(questions, readAnswers(form, questions), consents.health_data);
        const errors = { ...fields.errors, ...answers.errors };
        keep({ state: { values: formValues(form), errors } });
        if (!fields.values || Object.keys(errors).length > 0) throw new AppError("invalid_form");
        await updateRegistrationAsOrganiser(context.db, access, {
          registrationId,
          fields: fields.values,
          answers: answers.answers,
          consents,
          consentTexts: consentTexts(edition, language),
          language,
          now,
        });
        throw done("edit");
      }
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const handle: RouteHandle = { form: true };

export default function BackOfficeRegistration({ loaderData, actionData }: Route.ComponentProps) {
  const { year, timeZone, permissions, page, form, csrfToken } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const { registration } = page;
  const name = `${registration.given_name} ${registration.family_name}`;
  const here = paths.backOfficeRegistration(language, year, registration.id);
  const error = actionError(actionData);
  if (form) {
    const state = actionData && "state" in actionData && actionData.state ? actionData.state : form.state;
    const title = t("deskPerson.editTitle", { name, year });
    return (
      <>
        <FormPageTitle title={title} refused={Object.keys(state.errors).length > 0 || (error !== undefined && error.code !== "invalid_form")} />
        <BackOfficeNav year={year} permissions={permissions} current="registrations" />
        <h1>{title}</h1>
        {error?.code !== "invalid_form" && <ErrorNotice error={error} />}
        <RegistrationForm
          csrfToken={csrfToken}
          questions={form.questions}
          days={form.days}
          state={state}
          fixedEmail={registration.email}
          withOrganisation
          categoriesRequiringApproval={form.categoriesRequiringApproval}
          consentTexts={form.consentTexts}
          submitLabel={t("deskPerson.save")}
        >
          <input type="hidden" name="intent" value="edit" />
        </RegistrationForm>
        <p>
          <Link to={here}>{t("deskPerson.back", { name })}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <FormPageTitle title={t("deskPerson.title", { name, year })} refused={error !== undefined} />
      <BackOfficeNav year={year} permissions={permissions} current="registrations" />
      <p>
        <Link to={paths.backOffice(language, year, "registrations")}>{t("deskPerson.toList")}</Link>
      </p>
      <h1>{t("deskPerson.title", { name, year })}</h1>
      <ErrorNotice error={error} />
      {loaderData.done && (
        <p className="notice notice--open" role="status">
          {t(doneMessages[loaderData.done])}
        </p>
      )}
      <p>
        {t("deskPerson.statusLine", { status: t(`registration.status.${registration.status}`), reference: registration.reference })} —{" "}
        {t(`registration.category.${registration.category}`)}
      </p>
      <Actions registrationId={registration.id} status={registration.status} csrfToken={csrfToken} name={name} here={here} />
      <Identity page={page} timeZone={timeZone} />
      <Answers page={page} />
      <ConsentHistory page={page} timeZone={timeZone} />
      <Workshops page={page} timeZone={timeZone} />
      <Delegation page={page} year={year} />
      <Mails page={page} timeZone={timeZone} />
      <Notes page={page} csrfToken={csrfToken} timeZone={timeZone} />
    </>
  );
}

type Page = Route.ComponentProps["loaderData"]["page"];

function Actions(props: { registrationId: number; status: Page["registration"]["status"]; csrfToken: string; name: string; here: string }) {
  const t = useTranslate();
  const allowed = actionsFor(props.status);
  const button = (intent: "approve" | "refuse" | "promote" | "cancel" | "resend", secondary = false) => (
    <button type="submit" name="intent" value={intent} className={secondary ? "button button--secondary" : "button"}>
      {t(`deskPerson.action.${intent}`)}
    </button>
  );
  return (
    <section aria-labelledby="actions">
      <h2 id="actions">{t("deskPerson.actions")}</h2>
      <Form method="post" className="inline-form">
        <CsrfField token={props.csrfToken} />
        {allowed.approve && button("approve")} {allowed.refuse && button("refuse", true)} {allowed.promote && button("promote")}{" "}
        {allowed.resend && button("resend", true)}
      </Form>
      {allowed.cancel && (
        <Form method="post" className="inline-form">
          <CsrfField token={props.csrfToken} />
          <label>
            <input type="checkbox" name="confirm" value="yes" /> {t("deskPerson.cancelConfirm", { name: props.name })}
          </label>{" "}
          {button("cancel", true)}
        </Form>
      )}
      {allowed.promote && <p className="hint">{t("deskPerson.promoteHint")}</p>}
      {allowed.edit && (
        <p>
          <Link to={`${props.here}?edit`}>{t("deskPerson.edit")}</Link>
        </p>
      )}
    </section>
  );
}

function Identity({ page, timeZone }: { page: Page; timeZone: string }) {
  const language = useLanguage();
  const t = useTranslate();
  const { registration } = page;
  const languageNames = new Intl.DisplayNames([language], { type: "language" });
  const rows: [string, string][] = [
    [t("registration.form.email"), registration.email],
    [t("registration.form.phone"), registration.phone],
    [t("registration.form.job_title"), registration.job_title],
    [t("registration.form.languages"), registration.languages.map((code) => languageNames.of(code) ?? code).join(", ")],
    [t("registration.form.days"), registration.days.map((day) => formatDay(day, language)).join(", ")],
    [t("deskPerson.mailLanguage"), languageNames.of(registration.personLanguage) ?? registration.personLanguage],
    [t("deskPerson.registeredAt"), formatDateTime(new Date(registration.created_at), language, timeZone)],
    // Someone else filled the form: an organiser on the person's behalf.
    ...(registration.registered_by && registration.registered_by_person_id !== registration.person_id
      ? [[t("deskPerson.registeredBy"), registration.registered_by] as [string, string]]
      : []),
  ];
  const organisation: [string, string][] = [
    [t("registration.form.organisation_type"), t(`registration.organisation.${registration.organisation_type}`)],
    [t("registration.form.organisation_name"), registration.organisation_name],
    [t("registration.form.city"), registration.city],
    [t("registration.form.country_code"), countryName(registration.country_code, language)],
  ];
  const list = (items: [string, string][]) => (
    <dl className="details">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value || "—"}</dd>
        </div>
      ))}
    </dl>
  );
  return (
    <>
      <section aria-labelledby="identity">
        <h2 id="identity">{t("deskPerson.identity")}</h2>
        {list(rows)}
      </section>
      <section aria-labelledby="organisation">
        <h2 id="organisation">{t("registration.form.organisation")}</h2>
        {list(organisation)}
      </section>
    </>
  );
}

function Answers({ page }: { page: Page }) {
  const language = useLanguage();
  const t = useTranslate();
  return (
    <section aria-labelledby="answers">
      <h2 id="answers">{t("deskPerson.answers")}</h2>
      {page.answers.length === 0 ? (
        <p>{t("deskPerson.none")}</p>
      ) : (
        <dl className="details">
          {page.answers.map((answer) => (
            <div key={answer.questionId}>
              <dt>
                <Localised value={answer.label} />
                {answer.healthData && <> ({t("deskPerson.healthData")})</>}
              </dt>
              <dd>{answerText(answer, language)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function ConsentHistory({ page, timeZone }: { page: Page; timeZone: string }) {
  const language = useLanguage();
  const t = useTranslate();
  return (
    <section aria-labelledby="consents">
      <h2 id="consents">{t("deskPerson.consents")}</h2>
      {page.consents.length === 0 ? (
        <p>{t("deskPerson.none")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="consents-caption" tabIndex={0}>
          <table>
            <caption id="consents-caption" className="visually-hidden">
              {t("deskPerson.consentsCaption")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("deskPerson.consent.when")}</th>
                <th scope="col">{t("deskPerson.consent.text")}</th>
                <th scope="col">{t("deskPerson.consent.decision")}</th>
                <th scope="col">{t("deskPerson.consent.by")}</th>
              </tr>
            </thead>
            <tbody>
              {page.consents.map((consent) => (
                <tr key={consent.id}>
                  <td>{formatDateTime(new Date(consent.recordedAt), language, timeZone)}</td>
                  <td lang={consent.language}>{consent.text}</td>
                  <td>{t(consent.granted ? "deskPerson.consent.granted" : "deskPerson.consent.refused")}</td>
                  <td>{consent.givenBy ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Workshops({ page, timeZone }: { page: Page; timeZone: string }) {
  const language = useLanguage();
  const t = useTranslate();
  return (
    <section aria-labelledby="workshops">
      <h2 id="workshops">{t("deskPerson.workshops")}</h2>
      {page.workshops.length === 0 ? (
        <p>{t("deskPerson.none")}</p>
      ) : (
        <ul>
          {page.workshops.map((workshop) => (
            <li key={workshop.id}>
              <Localised value={workshop.title} /> — {formatDateTime(new Date(workshop.startsAt), language, timeZone)} —{" "}
              {t(`deskPerson.seat.${workshop.status}`)}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("deskPerson.wishes")}</h3>
      {page.wishes.length === 0 ? (
        <p>{t("deskPerson.none")}</p>
      ) : (
        <ol>
          {page.wishes.map((wish) => (
            <li key={`${wish.roundId}-${wish.id}`}>
              {t("deskPerson.wishRank", { rank: wish.rank })} <Localised value={wish.title} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Delegation({ page, year }: { page: Page; year: number }) {
  const language = useLanguage();
  const t = useTranslate();
  const { delegation, registration } = page;
  const member = (person: { id: number; given_name: string; family_name: string; status: Page["registration"]["status"] }) =>
    person.id === registration.id ? (
      <>
        {person.given_name} {person.family_name} ({t("deskPerson.thisPerson")})
      </>
    ) : (
      <>
        <Link to={paths.backOfficeRegistration(language, year, person.id)}>
          {person.given_name} {person.family_name}
        </Link>{" "}
        ({t(`registration.status.${person.status}`)})
      </>
    );
  return (
    <section aria-labelledby="delegation">
      <h2 id="delegation">{t("deskPerson.delegation")}</h2>
      {!delegation ? (
        <p>{t("deskPerson.noDelegation")}</p>
      ) : (
        <>
          <p>{t("deskPerson.delegationOf", { organisation: delegation.organisation })}</p>
          <dl className="details">
            <div>
              <dt>{t("deskPerson.lead")}</dt>
              <dd>{delegation.lead ? member(delegation.lead) : "—"}</dd>
            </div>
            <div>
              <dt>{t("deskPerson.colleagues")}</dt>
              <dd>
                {delegation.colleagues.length === 0 ? (
                  "—"
                ) : (
                  <ul>
                    {delegation.colleagues.map((colleague) => (
                      <li key={colleague.id}>{member(colleague)}</li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}

function Mails({ page, timeZone }: { page: Page; timeZone: string }) {
  const language = useLanguage();
  const t = useTranslate();
  return (
    <section aria-labelledby="mails">
      <h2 id="mails">{t("deskPerson.mails", { count: page.mails.length })}</h2>
      {page.mails.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="mails-caption" tabIndex={0}>
          <table>
            <caption id="mails-caption" className="visually-hidden">
              {t("deskPerson.mailsCaption")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("deskPerson.mail.queued")}</th>
                <th scope="col">{t("deskPerson.mail.subject")}</th>
                <th scope="col">{t("deskPerson.mail.status")}</th>
                <th scope="col">{t("deskPerson.mail.attempts")}</th>
                <th scope="col">{t("deskPerson.mail.lastError")}</th>
              </tr>
            </thead>
            <tbody>
              {page.mails.map((mail) => (
                <tr key={mail.id} data-status={mail.status}>
                  <td>{formatDateTime(new Date(mail.createdAt), language, timeZone)}</td>
                  <td lang={mail.language}>{mail.subject}</td>
                  <td>
                    {t(`deskPerson.mail.${mail.status}`)}
                    {mail.sentAt && <> — {formatDateTime(new Date(mail.sentAt), language, timeZone)}</>}
                  </td>
                  <td>{mail.attempts}</td>
                  <td>{mail.lastError ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Notes({ page, csrfToken, timeZone }: { page: Page; csrfToken: string; timeZone: string }) {
  const language = useLanguage();
  const t = useTranslate();
  return (
    <section aria-labelledby="notes">
      <h2 id="notes">{t("deskPerson.notes")}</h2>
      <p className="hint">{t("deskPerson.notesHelp")}</p>
      {page.notes.length > 0 && (
        <ul className="notes">
          {page.notes.map((note) => (
            <li key={note.id}>
              <p className="meta">{t("deskPerson.noteBy", { author: note.author ?? "—", date: formatDateTime(new Date(note.createdAt), language, timeZone) })}</p>
              <PlainText text={note.body} />
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="registration-form">
        <CsrfField token={csrfToken} />
        <div className="field">
          <label htmlFor="note">{t("deskPerson.note")}</label>
          <MaxLengthHint id="note" max={noteMaxLength} />
          <textarea id="note" name="note" rows={4} maxLength={noteMaxLength} required aria-describedby="note-limit" />
        </div>
        <button type="submit" name="intent" value="note" className="button">
          {t("deskPerson.addNote")}
        </button>
      </Form>
    </section>
  );
}
