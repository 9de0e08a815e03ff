import { Form } from "react-router";
import { CsrfField } from "~/features/accounts/csrf-field";
import { possessiveName } from "~/i18n/names";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { Hidden } from "./hidden";
import type { SpaceRegistration } from "./types";

/** The colleagues of a lead's delegation, each with a button that cancels their registration while it is active. */
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
            {/* A colleague's answers and consents are theirs: the lead sees the name and status, and may cancel. */}
            {member.given_name} {member.family_name} ({member.email}) — {t(`registration.status.${member.status}`)}{" "}
            {member.status !== "cancelled" && (
              <Form method="post" className="inline-form">
                <CsrfField token={csrfToken} />
                <Hidden values={{ registration: member.id, intent: "cancel_member" }} />
                <label>
                  <input type="checkbox" name="confirm" value="yes" />{" "}
                  {t("space.cancelMemberConfirm", { owner: possessiveName(language, `${member.given_name} ${member.family_name}`) })}
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
