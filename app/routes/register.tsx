import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/register";
import { consentKinds } from "~/db/schema";
import { requirePerson, verifyCsrf } from "~/features/accounts/auth.server";
import { getEdition, registrationWindow } from "~/features/editions/editions.server";
import { consentTexts, formValues, parseAnswers, parseConsents, parsePersonFields, readAnswers } from "~/features/registration/form";
import { listQuestions } from "~/features/registration/questions.server";
import { RegistrationForm, type FormState } from "~/features/registration/registration-form";
import {
  activeRegistration,
  currentConsents,
  register,
  registrationAnswers,
  registrationSetting,
  updateRegistration,
} from "~/features/registration/registration.server";
import { registrationFor } from "~/features/registration/access.server";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { formatDate } from "~/lib/format";
import { FormPageTitle } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { paths } from "~/lib/paths";
import { useTranslate } from "~/lib/use-language";
import type { RouteHandle } from "~/root";

const personalHeaders = { "Cache-Control": "private, no-store" };

// Colleagues are invited (invite-colleague.tsx), never registered by someone else.
type Mode = { kind: "self" } | { kind: "edit"; registrationId: number };

function modeOf(request: Request): Mode {
  const params = new URL(request.url).searchParams;
  const edit = params.get("edit");
  return edit === null ? { kind: "self" } : { kind: "edit", registrationId: parseId(edit) };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const edition = await getEdition(context.db, parseYear(params.year));
    const mode = modeOf(request);
    const own = await activeRegistration(context.db, person.personId, edition.id);
    if (mode.kind === "self" && own) throw redirect(paths.space(language));
    const questions = await listQuestions(context.db, edition.id);
    let state: FormState = { values: {}, errors: {} };
    let email = mode.kind === "self" ? person.email : undefined;
    if (mode.kind === "edit") {
      const registration = await registrationFor(context.db, mode.registrationId, person.personId);
      email = registration.email;
      const answers = await registrationAnswers(context.db, registration.id);
      const consents = await currentConsents(context.db, registration.id);
      state = {
        errors: {},
        values: {
          ...Object.fromEntries(
            (["given_name", "family_name", "job_title", "phone", "organisation_type", "organisation_name", "city", "country_code", "category"] as const).map(
              (key) => [key, String(registration[key])],
            ),
          ),
          languages: registration.languages,
          days: registration.days,
          ...Object.fromEntries(Object.entries(answers).map(([id, value]) => [`q${id}`, value as string | string[]])),
          ...Object.fromEntries(consentKinds.map((kind) => [`consent_${kind}`, consents[kind] ? "yes" : ""])),
        },
      };
    }
    const window = registrationWindow(edition, context.now());
    return data(
      {
        language,
        year: edition.year,
        mode,
        window: window.state,
        opensOn: window.state === "upcoming" ? formatDate(window.opensAt, language, edition.time_zone) : undefined,
        questions,
        days: edition.days,
        categoriesRequiringApproval: edition.categories_requiring_approval,
        consentTexts: consentTexts(edition, language),
        csrfToken: person.csrfToken,
        email,
        state,
      },
      { headers: personalHeaders },
    );
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors<never, { state: FormState }>(async (keep) => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const setting = await registrationSetting(context.db, parseYear(params.year), person.personId);
    const { editionId, questions } = setting;
    const mode = modeOf(request);
    if (mode.kind === "self") form.set("email", person.email);
    if (mode.kind === "edit") form.set("email", (await registrationFor(context.db, mode.registrationId, person.personId)).email);
    const fields = parsePersonFields(form);
    const consents = parseConsents(form);
    const answers = parseAnswers(questions, readAnswers(form, questions), consents.health_data);
    const errors = { ...fields.errors, ...answers.errors };
    const values = formValues(form);
    // Whatever goes wrong now, the form is shown again with what was typed.
    keep({ state: { values, errors } });
    if (!fields.values || Object.keys(errors).length > 0) throw new AppError("invalid_form");
    const common = {
      fields: fields.values,
      answers: answers.answers,
      consents,
      consentTexts: consentTexts({ consent_texts: setting.consentTexts }, language),
      language,
      now: context.now(),
      publicUrl: context.env.PUBLIC_URL,
    };
    // Post/Redirect/Get: the space shows the registration's summary as its confirmation.
    if (mode.kind === "edit") {
      await updateRegistration(context.db, { ...common, personId: person.personId, registrationId: mode.registrationId }).catch((error: unknown) => {
        if (!(error instanceof AppError && error.code === "category_needs_approval")) throw error;
        // Said on the field that caused it, like any other problem of the form.
        keep({ state: { values, errors: { category: error.answer.message } } });
        throw new AppError("invalid_form");
      });
      throw redirect(`${paths.space(language)}?done=updated#registration-${mode.registrationId}`, { status: 303 });
    }
    const { id } = await register(context.db, { ...common, editionId, personId: person.personId, registeredByPersonId: person.personId }, setting);
    throw redirect(`${paths.space(language)}?done=registered#registration-${id}`, { status: 303 });
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const handle: RouteHandle = { form: true };

export default function Register({ loaderData, actionData }: Route.ComponentProps) {
  const { language, year, mode, window, opensOn, questions, days, categoriesRequiringApproval, consentTexts: texts, csrfToken, email } = loaderData;
  const t = useTranslate();
  const title = mode.kind === "edit" ? "registration.form.editTitle" : "registration.form.title";
  const state = actionData?.state ?? loaderData.state;
  const error = actionError(actionData);
  const back = (
    <p>
      <Link to={paths.space(language)}>{t("space.back")}</Link>
    </p>
  );
  if (window !== "open" && mode.kind !== "edit") {
    return (
      <>
        <FormPageTitle title={t(title, { year })} refused={false} />
        <h1>{t(title, { year })}</h1>
        <p className="notice">{opensOn ? t("registration.upcoming", { date: opensOn }) : t("registration.closed")}</p>
        {back}
      </>
    );
  }
  return (
    <>
      <FormPageTitle title={t(title, { year })} refused={Object.keys(state.errors).length > 0} />
      <h1>{t(title, { year })}</h1>
      <p>{t("registration.form.intro")}</p>
      {/* Field errors are shown by the form itself, with their summary. */}
      {error?.code !== "invalid_form" && <ErrorNotice error={error} />}
      <RegistrationForm
        csrfToken={csrfToken}
        questions={questions}
        days={days}
        state={state}
        fixedEmail={email}
        withOrganisation
        categoriesRequiringApproval={categoriesRequiringApproval}
        consentTexts={texts}
        submitLabel={t(mode.kind === "edit" ? "registration.form.save" : "registration.form.submit")}
      />
      {back}
    </>
  );
}
