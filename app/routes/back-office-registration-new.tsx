import { data, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/back-office-registration-new";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { registerOnBehalf } from "~/features/desk/person.server";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { consentTexts, formValues, parseAnswers, parseConsents, parsePersonFields, readAnswers } from "~/features/registration/form";
import { listQuestions } from "~/features/registration/questions.server";
import { RegistrationForm, type FormState } from "~/features/registration/registration-form";
import { languages } from "~/i18n/languages";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { FormPageTitle } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, parseYear, routeLanguage } from "~/lib/http.server";
import { paths } from "~/lib/paths";
import { useTranslate } from "~/lib/use-language";
import type { RouteHandle } from "~/root";

const personalHeaders = { "Cache-Control": "private, no-store" };

const mailLanguage = z.enum(languages);

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "registrations");
    return data(
      {
        language,
        year: edition.year,
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        questions: await listQuestions(context.db, access.editionId),
        days: edition.days,
        categoriesRequiringApproval: edition.categories_requiring_approval,
        consentTexts: consentTexts(edition, language),
        state: { values: { mail_language: language }, errors: {} } as FormState,
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
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const questions = await listQuestions(context.db, access.editionId);
    const fields = parsePersonFields(form);
    const consents = parseConsents(form);
    const answers = parseAnswers(questions, readAnswers(form, questions), consents.health_data);
    const chosenLanguage = mailLanguage.safeParse(form.get("mail_language"));
    const errors = { ...fields.errors, ...answers.errors, ...(chosenLanguage.success ? {} : { mail_language: "registration.error.choose" }) };
    const values = formValues(form);
    keep({ state: { values, errors } });
    if (!fields.values || !chosenLanguage.success || Object.keys(errors).length > 0) throw new AppError("invalid_form");
    const registration = await registerOnBehalf(context.db, access, {
      fields: fields.values,
      answers: answers.answers,
      consents,
      consentTexts: consentTexts(edition, language),
      language,
      mailLanguage: chosenLanguage.data,
      now: context.now(),
      publicUrl: context.env.PUBLIC_URL,
    });
    throw redirect(`${paths.backOfficeRegistration(language, edition.year, registration.id)}?done=registered`, 303);
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const handle: RouteHandle = { form: true };

export default function BackOfficeRegistrationNew({ loaderData, actionData }: Route.ComponentProps) {
  const { year, csrfToken, permissions, questions, days, categoriesRequiringApproval, consentTexts: texts } = loaderData;
  const t = useTranslate();
  const state = actionData && "state" in actionData && actionData.state ? actionData.state : loaderData.state;
  const error = actionError(actionData);
  const title = t("deskPerson.newTitle", { year });
  const chosen = typeof state.values.mail_language === "string" ? state.values.mail_language : loaderData.language;
  return (
    <>
      <FormPageTitle title={title} refused={error !== undefined} />
      <BackOfficeNav year={year} permissions={permissions} current="registrations" />
      <h1>{title}</h1>
      <p>{t("deskPerson.newIntro")}</p>
      {error?.code !== "invalid_form" && <ErrorNotice error={error} />}
      <RegistrationForm
        csrfToken={csrfToken}
        questions={questions}
        days={days}
        state={state}
        withOrganisation
        categoriesRequiringApproval={categoriesRequiringApproval}
        consentTexts={texts}
        submitLabel={t("deskPerson.newSubmit")}
      >
        <fieldset>
          <legend>{t("deskPerson.mailLanguage")}</legend>
          <p className="hint" id="mail_language-help">
            {t("deskPerson.mailLanguageHelp")}
          </p>
          <ul className="choices">
            {languages.map((code, index) => (
              <li key={code}>
                <label>
                  <input
                    type="radio"
                    id={index === 0 ? "mail_language" : undefined}
                    name="mail_language"
                    value={code}
                    defaultChecked={chosen === code}
                    aria-describedby="mail_language-help"
                  />{" "}
                  {t(`deskPerson.language.${code}`)}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      </RegistrationForm>
    </>
  );
}
