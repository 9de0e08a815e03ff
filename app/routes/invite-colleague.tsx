import { data, Link } from "react-router";
import type { Route } from "./+types/invite-colleague";
import { requirePerson, verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { getEdition, registrationWindow } from "~/features/editions/editions.server";
import { InvitationErrorBoundary } from "~/features/registration/components/invitation-refusal";
import { PendingInvitations } from "~/features/registration/components/pending-invitations";
import { parseInvitationFields } from "~/features/registration/form";
import { delegationLeadOf, inviteColleague, pendingInvitationsOf, withdrawInvitation } from "~/features/registration/invitations.server";
import { Field, type FormState } from "~/features/registration/registration-form";
import { isLanguage, languages } from "~/i18n/languages";
import { translate, translator } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { paths } from "~/lib/paths";
import { useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const edition = await getEdition(context.db, parseYear(params.year));
    const lead = await delegationLeadOf(context.db, edition.id, person.personId);
    const now = context.now();
    return data(
      {
        language,
        year: edition.year,
        timeZone: edition.time_zone,
        open: registrationWindow(edition, now).state === "open",
        organisationName: lead.organisationName,
        invitations: await pendingInvitationsOf(context.db, person.personId, [edition.id], now),
        csrfToken: person.csrfToken,
      },
      { headers: personalHeaders },
    );
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors(async () => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const edition = await getEdition(context.db, parseYear(params.year));
    const now = context.now();
    switch (form.get("intent")) {
      case "invite": {
        const fields = parseInvitationFields(form);
        if (!fields.values) {
          const values = Object.fromEntries(["given_name", "family_name", "job_title", "email", "language"].map((name) => [name, String(form.get(name) ?? "")]));
          return data({ state: { values, errors: fields.errors } satisfies FormState }, { status: 422 });
        }
        // The colleague's language, which the lead chooses; the page's when the form says none.
        const chosen = form.get("language");
        const outcome = await inviteColleague(context.db, {
          editionId: edition.id,
          leadPersonId: person.personId,
          fields: fields.values,
          language: isLanguage(chosen) ? chosen : language,
          now,
          publicUrl: context.env.PUBLIC_URL,
        });
        return outcome.sent
          ? ({ message: "registration.invitation.sent" } as const)
          : ({ message: "registration.invitation.alreadyInDelegation", name: outcome.alreadyInDelegation } as const);
      }
      case "withdraw":
        await withdrawInvitation(context.db, { invitationId: parseId(String(form.get("invitation") ?? "")), leadPersonId: person.personId, now });
        return { message: "registration.invitation.withdrawn" } as const;
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, translate(page.language, "registration.invitation.inviteTitle", { year: page.year })) }] : [];

export const ErrorBoundary = InvitationErrorBoundary;

export default function InviteColleague({ loaderData, actionData }: Route.ComponentProps) {
  const { language, year, timeZone, open, organisationName, invitations, csrfToken } = loaderData;
  const t = useTranslate();
  const state: FormState = actionData && "state" in actionData ? actionData.state : { values: {}, errors: {} };
  const errorCount = Object.keys(state.errors).length;
  return (
    <>
      <h1>{t("registration.invitation.inviteTitle", { year })}</h1>
      <ErrorNotice error={actionError(actionData)} />
      {actionData && "message" in actionData && (
        <p className="notice notice--open" role="status">
          {t(actionData.message, "name" in actionData ? { name: actionData.name } : undefined)}
        </p>
      )}
      {open ? (
        <>
          <p>{t("registration.invitation.inviteIntro", { organisation: organisationName })}</p>
          <form method="post" noValidate className="registration-form">
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="invite" />
            {errorCount > 0 && (
              <div className="notice notice--closed" role="alert">
                <p>{t("registration.error.summary", { count: errorCount })}</p>
              </div>
            )}
            <Field name="given_name" label={t("registration.form.given_name")} required state={state} autoComplete="off" />
            <Field name="family_name" label={t("registration.form.family_name")} required state={state} autoComplete="off" />
            <Field name="job_title" label={t("registration.form.job_title")} state={state} autoComplete="off" />
            <Field name="email" label={t("registration.form.email")} required type="email" state={state} autoComplete="off" />
            <fieldset className="field" aria-describedby="language-help">
              <legend>{t("registration.invitation.language")}</legend>
              <p className="hint" id="language-help">
                {t("registration.invitation.languageHelp")}
              </p>
              {languages.map((option) => (
                <label key={option} lang={option}>
                  <input type="radio" name="language" value={option} defaultChecked={(state.values.language || language) === option} />{" "}
                  {translator(option)("language.name")}
                </label>
              ))}
            </fieldset>
            <button type="submit" className="button">
              {t("registration.invitation.inviteSubmit")}
            </button>
          </form>
        </>
      ) : (
        <p className="notice">{t("registration.error.closed")}</p>
      )}
      <PendingInvitations invitations={invitations} year={year} timeZone={timeZone} csrfToken={csrfToken} headingLevel={2} />
      <p>
        <Link to={paths.space(language)}>{t("space.back")}</Link>
      </p>
    </>
  );
}
