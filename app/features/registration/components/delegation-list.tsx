import { Form, Link } from "react-router";
import { CsrfField } from "~/features/accounts/csrf-field";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { Hidden } from "./hidden";
import type { SpaceRegistration } from "./types";

/** The colleagues a delegation lead registered, each with links to change or cancel. */
export function DelegationList({ registration, csrfToken }: { registration: SpaceRegistration; csrfToken: string }) {
  const language = useLanguage();
  const t = useTranslate();
  if (registration.delegation.length === 0) return null;
  return (
    <>
      <h3>{t("space.delegation")}</h3>
      <ul>
        {registration.delegation.map((member) => (
          <li key={member.id}>
            {member.given_name} {member.family_name} ({member.email}) — {t(`registration.status.${member.status}`)}{" "}
            <Link to={`${paths.register(language, registration.year)}?edit=${member.id}`}>
              {t("space.edit")}
              <span className="visually-hidden">
                {" "}
                – {member.given_name} {member.family_name}
              </span>
            </Link>
            {member.status !== "cancelled" && (
              <Form method="post" className="inline-form">
                <CsrfField token={csrfToken} />
                <Hidden values={{ registration: member.id, intent: "cancel_registration" }} />
                <label>
                  <input type="checkbox" name="confirm" value="yes" />{" "}
                  {t("space.cancelMemberConfirm", { name: `${member.given_name} ${member.family_name}` })}
                </label>{" "}
                <button type="submit" className="button button--secondary">
                  {t("space.cancelMember")}
                  <span className="visually-hidden">
                    {" "}
                    – {member.given_name} {member.family_name}
                  </span>
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
