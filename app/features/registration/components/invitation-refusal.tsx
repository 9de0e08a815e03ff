import { isRouteErrorResponse, Link, useParams, useRouteError } from "react-router";
import { ErrorBoundary as SiteErrorBoundary } from "~/root";
import type { ActionError } from "~/lib/errors";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

/**
 * The error page of the invitation routes: a refused invitation is explained with its code's
 * message (app/lib/errors.ts) and the edition's year; a missing page is the site's error page.
 */
export function InvitationErrorBoundary() {
  const error = useRouteError();
  const language = useLanguage();
  const t = useTranslate();
  const year = Number(useParams().year);
  const refusal = isRouteErrorResponse(error) && error.status !== 404 ? (error.data as Partial<ActionError> | undefined) : undefined;
  if (!refusal?.code || !refusal.message) return <SiteErrorBoundary />;
  const title = refusal.code === "delegation_lead_required" || refusal.code === "invitation_rate_limited" ? "registration.invitation.inviteTitle" : "registration.error.invitationTitle";
  return (
    <div className="error-page">
      <title>{`${t(title, { year })} – ${t("site.name")}`}</title>
      <h1>{t(title, { year })}</h1>
      <p>{t(refusal.message, { year })}</p>
      {refusal.code === "invitation_wrong_person" && (
        <p>
          <Link to={paths.signIn(language)}>{t("registration.invitation.signInOther")}</Link>
        </p>
      )}
      <p>
        <Link to={paths.space(language)}>{t("space.back")}</Link>
      </p>
    </div>
  );
}
