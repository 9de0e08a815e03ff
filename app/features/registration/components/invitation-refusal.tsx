import { isRouteErrorResponse, Link, useParams, useRouteError } from "react-router";
import { ErrorBoundary as SiteErrorBoundary } from "~/root";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { invitationRefusals } from "../invitations";

/** The error page of the invitation routes: a refused invitation is explained, anything else is the site's error page. */
export function InvitationErrorBoundary() {
  const error = useRouteError();
  const language = useLanguage();
  const t = useTranslate();
  const year = Number(useParams().year);
  const code: unknown = isRouteErrorResponse(error) ? (error.data as { code?: unknown } | undefined)?.code : undefined;
  const refusal = typeof code === "string" ? invitationRefusals[code as keyof typeof invitationRefusals] : undefined;
  if (!refusal) return <SiteErrorBoundary />;
  return (
    <div className="error-page">
      <title>{`${t(refusal.title, { year })} – ${t("site.name")}`}</title>
      <h1>{t(refusal.title, { year })}</h1>
      <p>{t(refusal.text, { year })}</p>
      {code === "invitation_wrong_person" && (
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
