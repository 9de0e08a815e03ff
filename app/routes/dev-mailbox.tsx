import { data, Link } from "react-router";
import type { Route } from "./+types/dev-mailbox";
import { formatInstant } from "~/features/mail/format";
import { listMailbox, mailboxHeaders, requireDevMailbox } from "~/features/mail/mailbox.server";
import { preferredLanguage } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { handleErrors } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { useLanguage, useTranslate } from "~/lib/use-language";

export async function loader({ request, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    requireDevMailbox(context);
    const language = preferredLanguage(request.headers.get("accept-language"));
    return data({ language, messages: await listMailbox(context.db) }, { headers: mailboxHeaders });
  });
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page
    ? [{ title: pageTitle(page.language, translate(page.language, "mail.mailbox.title")) }, { name: "robots", content: "noindex" }]
    : [];

export default function DevMailbox({ loaderData }: Route.ComponentProps) {
  const { messages } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  return (
    <>
      <h1>{t("mail.mailbox.title")}</h1>
      <p>{t("mail.mailbox.notice")}</p>
      <p>
        <strong>{t("mail.mailbox.warning")}</strong>
      </p>
      {messages.length === 0 ? (
        <p>{t("mail.mailbox.empty")}</p>
      ) : (
        <table>
          <caption>{t("mail.mailbox.caption", { count: messages.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("mail.mailbox.date")}</th>
              <th scope="col">{t("mail.mailbox.to")}</th>
              <th scope="col">{t("mail.mailbox.subject")}</th>
              <th scope="col">{t("mail.mailbox.status")}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id}>
                <td>
                  <time dateTime={message.created_at.toISOString()}>{formatInstant(message.created_at, language)}</time>
                </td>
                <td>{message.to_address}</td>
                <td>
                  <Link to={`/dev/mailbox/${message.id}`}>{message.subject}</Link>
                </td>
                <td>{t(`mail.status.${message.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
