import { Form } from "react-router";
import { CsrfField } from "~/features/accounts/csrf-field";
import { formatDate } from "~/lib/format";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

export interface PendingInvitation {
  id: number;
  given_name: string;
  family_name: string;
  email: string;
  created_at: Date;
  expires_at: Date;
}

/** A lead's invitations awaiting an answer, each with a button that withdraws it (on the invitation page). */
export function PendingInvitations(props: {
  invitations: PendingInvitation[];
  year: number;
  timeZone: string;
  csrfToken: string;
  headingLevel: 2 | 3;
}) {
  const language = useLanguage();
  const t = useTranslate();
  if (props.invitations.length === 0) return null;
  const Heading = props.headingLevel === 2 ? "h2" : "h3";
  return (
    <>
      <Heading>{t("registration.invitation.pendingTitle")}</Heading>
      <ul>
        {props.invitations.map((invitation) => {
          const name = `${invitation.given_name} ${invitation.family_name}`;
          return (
            <li key={invitation.id}>
              {t("registration.invitation.pendingItem", {
                name,
                email: invitation.email,
                sent: formatDate(new Date(invitation.created_at), language, props.timeZone),
                expires: formatDate(new Date(invitation.expires_at), language, props.timeZone),
              })}{" "}
              <Form method="post" action={paths.inviteColleague(language, props.year)} className="inline-form">
                <CsrfField token={props.csrfToken} />
                <input type="hidden" name="intent" value="withdraw" />
                <input type="hidden" name="invitation" value={invitation.id} />
                <button type="submit" className="button button--secondary">
                  {t("registration.invitation.withdraw")}
                  <span className="visually-hidden"> – {name}</span>
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
    </>
  );
}
