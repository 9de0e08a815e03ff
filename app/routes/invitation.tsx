import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/invitation";
import { requirePerson, verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { getEdition } from "~/features/editions/editions.server";
import { InvitationErrorBoundary } from "~/features/registration/components/invitation-refusal";
import { consentTexts, formValues, parseAnswers, parseConsents, parsePersonFields, readAnswers } from "~/features/registration/form";
import { acceptInvitation, declineInvitation, invitationFor } from "~/features/registration/invitations.server";
import { listQuestions } from "~/features/registration/questions.server";
import { RegistrationForm, type FormState } from "~/features/registration/registration-form";
import { ofName } from "~/i18n/names";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { FormPageTitle } from "~/lib/form-errors";
import { formatDate } from "~/lib/format";
import { handleActionErrors, handleErrors, parseYear, routeLanguage } from "~/lib/http.server";
import { paths } from "~/lib/paths";
import { useTranslate } from "~/lib/use-language";
import type { RouteHandle } from "~/root";

// The token travels in the address of this page: keep it out of every cache.
const personalHeaders = { "Cache-Control": "private, no-store" };
const invitationToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

function tokenOf(value: unknown): string {
  const token = invitationToken.safeParse(value);
  if (!token.success) throw new AppError("invitation_not_found", "not an invitation token");
  return token.data;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const edition = await getEdition(context.db, parseYear(params.year));
    const search = new URL(request.url).searchParams;
    const base = { language, year: edition.year, csrfToken: person.csrfToken, email: person.email };
    // Where a declined invitation leads: its link no longer works, so the page carries no token.
    if (search.get("declined") === "1" && !search.has("token")) return data({ ...base, declined: true as const }, { headers: personalHeaders });
    const token = tokenOf(search.get("token"));
    const invitation = await invitationFor(context.db, {
      editionId: edition.id,
      token,
      invitee: { personId: person.personId, email: person.email },
      now: context.now(),
    });
    return data(
      {
        ...base,
        declined: false as const,
        token,
        invitation: { ...invitation, expiresOn: formatDate(invitation.expiresAt, language, edition.time_zone) },
        questions: invitation.alreadyRegistered ? [] : await listQuestions(context.db, edition.id),
        days: edition.days,
        categoriesRequiringApproval: edition.categories_requiring_approval,
        consentTexts: consentTexts(edition, language),
        state: {
          values: { given_name: invitation.givenName, family_name: invitation.familyName, job_title: invitation.jobTitle },
          errors: {},
        } satisfies FormState,
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
    const edition = await getEdition(context.db, parseYear(params.year));
    const token = tokenOf(form.get("token"));
    const invitee = { personId: person.personId, email: person.email };
    const now = context.now();
    if (form.get("intent") === "decline") {
      await declineInvitation(context.db, { editionId: edition.id, token, invitee, now });
      throw redirect(`${paths.invitation(language, edition.year)}?declined=1`, { status: 303 });
    }
    if (form.get("intent") !== "accept") throw new AppError("unknown_intent");
    // The address is the signed-in person's, and the organisation the lead's, whatever the form says.
    const invitation = await invitationFor(context.db, { editionId: edition.id, token, invitee, now });
    form.set("email", person.email);
    form.set("organisation_name", invitation.organisationName);
    form.set("organisation_type", invitation.organisationType);
    form.set("country_code", invitation.countryCode);
    const questions = await listQuestions(context.db, edition.id);
    const fields = parsePersonFields(form);
    const consents = parseConsents(form);
    const answers = parseAnswers(questions, readAnswers(form, questions), consents.health_data);
    const errors = { ...fields.errors, ...answers.errors };
    // Whatever goes wrong now, the form is shown again with what was typed.
    keep({ state: { values: formValues(form), errors } });
    if (!fields.values || Object.keys(errors).length > 0) throw new AppError("invalid_form");
    const { id } = await acceptInvitation(context.db, {
      editionId: edition.id,
      token,
      invitee,
      fields: fields.values,
      answers: answers.answers,
      consents,
      consentTexts: consentTexts(edition, language),
      language,
      now,
      publicUrl: context.env.PUBLIC_URL,
    });
    throw redirect(`${paths.space(language)}?done=registered#registration-${id}`, { status: 303 });
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const handle: RouteHandle = { form: true };

export const ErrorBoundary = InvitationErrorBoundary;

export default function Invitation({ loaderData, actionData }: Route.ComponentProps) {
  const { language, year } = loaderData;
  const t = useTranslate();
  const back = (
    <p>
      <Link to={paths.space(language)}>{t("space.back")}</Link>
    </p>
  );
  if (loaderData.declined) {
    return (
      <>
        <FormPageTitle title={t("registration.invitation.title", { year })} refused={false} />
        <h1>{t("registration.invitation.title", { year })}</h1>
        <p className="notice" role="status">
          {t("registration.invitation.declined")}
        </p>
        {back}
      </>
    );
  }
  const { invitation, token, csrfToken, questions, days, categoriesRequiringApproval, consentTexts: texts, email } = loaderData;
  const state = actionData?.state ?? loaderData.state;
  const error = actionError(actionData);
  return (
    <>
      <FormPageTitle title={t("registration.invitation.title", { year })} refused={Object.keys(state.errors).length > 0} />
      <h1>{t("registration.invitation.title", { year })}</h1>
      <p>{t("registration.invitation.from", { lead: invitation.leadName, ofOrganisation: ofName(language, invitation.organisationName), year })}</p>
      <p>{t("registration.invitation.mail.validity", { date: invitation.expiresOn })}</p>
      {/* Field errors are shown by the form itself, with their summary. */}
      {error?.code !== "invalid_form" && <ErrorNotice error={error} />}
      {invitation.alreadyRegistered ? (
        <p className="notice">{t("registration.error.invitationAlreadyRegistered", { year })}</p>
      ) : (
        <>
          <p>{t("registration.invitation.acceptIntro")}</p>
          <RegistrationForm
            csrfToken={csrfToken}
            questions={questions}
            days={days}
            state={state}
            fixedEmail={email}
            withOrganisation={false}
            categoriesRequiringApproval={categoriesRequiringApproval}
            consentTexts={texts}
            submitLabel={t("registration.invitation.acceptSubmit")}
          >
            <input type="hidden" name="intent" value="accept" />
            <input type="hidden" name="token" value={token} />
          </RegistrationForm>
        </>
      )}
      <section aria-labelledby="decline">
        <h2 id="decline">{t("registration.invitation.declineTitle")}</h2>
        <Form method="post">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="intent" value="decline" />
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="button button--secondary">
            {t("registration.invitation.declineSubmit")}
          </button>
        </Form>
      </section>
      {back}
    </>
  );
}
