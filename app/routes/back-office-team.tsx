import { data, Form, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/back-office-team";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { emailAddress } from "~/features/accounts/sign-in.server";
import { emailMaxLength } from "~/features/accounts/sign-in";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { staffRoles } from "~/features/organisers/roles";
import { inviteToTeam, revokeRole, teamOf } from "~/features/organisers/team.server";
import { languages } from "~/i18n/languages";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { controlProps, ErrorSummary, FieldError, fieldClass, FormPageTitle, MaxLengthHint } from "~/lib/form-errors";
import { formatDate } from "~/lib/format";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { newSubmissionKey, submissionKey } from "~/lib/once.server";
import { SubmissionField } from "~/lib/once-field";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };

const invitationSchema = z.object({
  role: z.enum(staffRoles),
  scope: z.enum(["edition", "every"]),
  language: z.enum(languages),
});

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "team");
    const search = new URL(request.url).searchParams;
    const done = search.get("done");
    return data(
      {
        language,
        year: edition.year,
        timeZone: edition.time_zone,
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        members: await teamOf(context.db, access),
        submission: newSubmissionKey(),
        done: done === "invited" || done === "already" || done === "revoked" ? { kind: done, email: search.get("email") ?? "" } : null,
      },
      { headers: personalHeaders },
    );
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors<never, { email: string }>(async (keep) => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "team");
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    const here = paths.backOffice(language, edition.year, "team");
    switch (form.get("intent")) {
      case "invite": {
        const typed = String(form.get("email") ?? "");
        keep({ email: typed });
        const email = emailAddress.safeParse(typed);
        if (!email.success) throw new AppError("invalid_form", "bad email");
        const fields = invitationSchema.safeParse({ role: form.get("role"), scope: form.get("scope"), language: form.get("language") });
        if (!fields.success) throw new AppError("unknown_intent", "bad role, scope or language");
        const result = await inviteToTeam(context.db, access, {
          email: email.data,
          ...fields.data,
          submissionKey: submissionKey(form),
          now,
          publicUrl: context.env.PUBLIC_URL,
        });
        throw redirect(`${here}?${new URLSearchParams({ done: result.granted ? "invited" : "already", email: result.email })}`, 303);
      }
      case "revoke":
        await revokeRole(context.db, access, parseId(String(form.get("role") ?? "")), now);
        throw redirect(`${here}?done=revoked`, 303);
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;


export default function BackOfficeTeam({ loaderData, actionData }: Route.ComponentProps) {
  const { year, timeZone, csrfToken, permissions, members, submission, done } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const error = actionError(actionData);
  const emailError = error?.code === "invalid_form" ? t("team.invalidEmail") : undefined;
  const typedEmail = actionData && "email" in actionData ? actionData.email : "";
  return (
    <>
      <FormPageTitle title={t("team.title", { year })} refused={error !== undefined} />
      <BackOfficeNav year={year} permissions={permissions} current="team" />
      <h1>{t("team.title", { year })}</h1>
      {!emailError && <ErrorNotice error={error} />}
      {done && (
        <p className="notice notice--open" role="status">
          {done.kind === "revoked" ? t("team.done.revoked") : t(done.kind === "invited" ? "team.done.invited" : "team.done.already", { email: done.email })}
        </p>
      )}

      <section aria-labelledby="members">
        <h2 id="members">{t("team.members")}</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("team.email")}</th>
                <th scope="col">{t("team.roleColumn")}</th>
                <th scope="col">{t("team.scopeColumn")}</th>
                <th scope="col">{t("team.grantedAt")}</th>
                <th scope="col">{t("team.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.roleId}>
                  <td className="break-anywhere">{member.email}</td>
                  <td>{t(`team.role.${member.role}`)}</td>
                  <td>{t(member.editionId === null ? "team.scope.every" : "team.scope.edition")}</td>
                  <td>{formatDate(member.grantedAt, language, timeZone)}</td>
                  <td>
                    <Form method="post">
                      <CsrfField token={csrfToken} />
                      <input type="hidden" name="role" value={member.roleId} />
                      <button type="submit" name="intent" value="revoke" className="button button--secondary">
                        {t("team.revoke")}
                        <span className="visually-hidden">
                          {" "}
                          – {member.email}, {t(`team.role.${member.role}`)}
                        </span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="invite">
        <h2 id="invite">{t("team.invite")}</h2>
        <Form method="post" className="registration-form" noValidate>
          <ErrorSummary problems={emailError ? [{ id: "email", label: t("team.email"), message: emailError }] : []} />
          <CsrfField token={csrfToken} />
          <SubmissionField value={submission} />
          <p className="hint">{t("team.inviteHelp")}</p>
          <div className={fieldClass(emailError)}>
            <label htmlFor="email">{t("team.email")}</label>
            <MaxLengthHint id="email" max={emailMaxLength} />
            <FieldError id="email" message={emailError} />
            <input id="email" name="email" type="email" autoComplete="off" required maxLength={emailMaxLength} defaultValue={typedEmail} {...controlProps("email", emailError, "email-limit")} />
          </div>
          <div className="field">
            <label htmlFor="role">{t("team.role")}</label>
            <select id="role" name="role" defaultValue="organiser">
              {["owner", "organiser", "checkin", "partner"].map((role) => (
                <option key={role} value={role}>
                  {t(`team.role.${role as "owner"}`)}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend>{t("team.scope")}</legend>
            <ul className="choices">
              <li>
                <label>
                  <input type="radio" name="scope" value="edition" defaultChecked /> {t("team.scope.edition")}
                </label>
              </li>
              <li>
                <label>
                  <input type="radio" name="scope" value="every" /> {t("team.scope.every")}
                </label>
              </li>
            </ul>
          </fieldset>
          <div className="field">
            <label htmlFor="language">{t("team.language")}</label>
            <select id="language" name="language" defaultValue={language}>
              <option value="fr" lang="fr">
                Français
              </option>
              <option value="en" lang="en">
                English
              </option>
            </select>
          </div>
          <button type="submit" name="intent" value="invite" className="button">
            {t("team.inviteSubmit")}
          </button>
        </Form>
      </section>
    </>
  );
}
