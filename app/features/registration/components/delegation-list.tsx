import { Form } from "react-router";
import { CsrfField } from "~/features/accounts/csrf-field";
import { useTranslate } from "~/lib/use-language";
import { Hidden } from "./hidden";
import type { SpaceRegistration } from "./types";

/** The colleagues of a lead's delegation, each with a button that cancels their registration. */
export function DelegationList({ registration, csrfToken }: { registration: SpaceRegistration; csrfToken: string }) {
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
