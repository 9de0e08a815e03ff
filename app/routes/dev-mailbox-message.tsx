import { data, Link } from "react-router";
import type { Route } from "./+types/dev-mailbox-message";
import { formatInstant } from "~/features/mail/format";
import { TextWithLinks } from "~/features/mail/text-with-links";
import { attachmentSize, getMailboxMessage, mailboxHeaders, requireDevMailbox } from "~/features/mail/mailbox.server";
import { preferredLanguage } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { handleErrors, parseId } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { useLanguage, useTranslate } from "~/lib/use-language";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    requireDevMailbox(context);
    const language = preferredLanguage(request.headers.get("accept-language"));
    const { attachments, ...message } = await getMailboxMessage(context.db, parseId(params.id));
    return data(
      {
        language,
        message,
        attachments: attachments.map(({ filename, contentType, content }) => ({ filename, contentType, size: attachmentSize(content) })),
      },
      { headers: mailboxHeaders },
    );
  });
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, page.message.subject) }, { name: "robots", content: "noindex" }] : [];

export default function DevMailboxMessage({ loaderData }: Route.ComponentProps) {
  const { message, attachments } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const htmlPart = `/dev/mailbox/${message.id}/html`;
  return (
    <article>
      <p>
        <Link to="/dev/mailbox">{t("mail.message.back")}</Link>
      </p>
      <h1>{message.subject}</h1>
      <dl className="facts">
        <dt>{t("mail.mailbox.to")}</dt>
        <dd>{message.to_address}</dd>
        <dt>{t("mail.mailbox.date")}</dt>
        <dd>
          <time dateTime={message.created_at.toISOString()}>{formatInstant(message.created_at, language)}</time>
        </dd>
        <dt>{t("mail.message.language")}</dt>
        <dd>{translate(message.language, "language.name")}</dd>
        <dt>{t("mail.mailbox.status")}</dt>
        <dd>{t(`mail.status.${message.status}`)}</dd>
        <dt>{t("mail.message.attempts")}</dt>
        <dd>{message.attempts}</dd>
        {message.last_error && (
          <>
            <dt>{t("mail.message.lastError")}</dt>
            <dd>{message.last_error}</dd>
          </>
        )}
      </dl>
      {attachments.length > 0 && (
        <section aria-labelledby="attachments">
          <h2 id="attachments">{t("mail.message.attachments")}</h2>
          <ul>
            {attachments.map((attachment, index) => (
              <li key={index}>{t("mail.message.attachment", attachment)}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="text-part" lang={message.language}>
        <h2 id="text-part" lang={language}>
          {t("mail.message.text")}
        </h2>
        <pre>
          <TextWithLinks text={message.text_body} />
        </pre>
      </section>
      <section aria-labelledby="html-part">
        <h2 id="html-part">{t("mail.message.html")}</h2>
        <iframe src={htmlPart} title={t("mail.message.htmlFrame")} sandbox="" width="100%" height="600" />
        <details>
          <summary>{t("mail.message.htmlSource")}</summary>
          <pre lang={message.language}>{message.html_body}</pre>
        </details>
      </section>
    </article>
  );
}
