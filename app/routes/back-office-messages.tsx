import { data, Link } from "react-router";
import type { Route } from "./+types/back-office-messages";
import { listMessages, type MessageSummary } from "~/features/messages/messages.server";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { translate } from "~/i18n/translate";
import { formatDateTime } from "~/lib/format";
import { handleErrors, parseYear, routeLanguage } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, edition } = await requireBackOffice(request, context, parseYear(params.year), "registrations");
    return data(
      { language, year: edition.year, timeZone: edition.time_zone, permissions: [...access.permissions], messages: await listMessages(context.db, access) },
      { headers: personalHeaders },
    );
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) => (page ? [{ title: pageTitle(page.language, translate(page.language, "messages.title", { year: page.year })) }] : []);

function MessagesTable({ id, caption, rows, year, timeZone, reminders }: { id: string; caption: string; rows: MessageSummary[]; year: number; timeZone: string; reminders: boolean }) {
  const language = useLanguage();
  const t = useTranslate();
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("messages.column.subject")}</th>
            <th scope="col">{t("messages.column.status")}</th>
            <th scope="col">{reminders ? t("messages.column.due") : t("messages.column.date")}</th>
            <th scope="col">{t("messages.column.recipients")}</th>
            <th scope="col">{t("messages.column.sent")}</th>
            <th scope="col">{t("messages.column.failed")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((message) => {
            const when = reminders ? message.dueAt : (message.confirmedAt ?? message.createdAt);
            return (
              <tr key={message.id}>
                <th scope="row">
                  <Link to={paths.backOfficeMessage(language, year, message.id)}>{message.subject[language]}</Link>
                </th>
                <td>{t(`messages.status.${message.status}`)}</td>
                <td>{when ? formatDateTime(new Date(when), language, timeZone) : "—"}</td>
                <td>{message.recipientCount === null ? "—" : message.recipientCount.toLocaleString(language)}</td>
                <td>{message.sent.toLocaleString(language)}</td>
                <td>{message.failed.toLocaleString(language)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export default function BackOfficeMessages({ loaderData }: Route.ComponentProps) {
  const { year, timeZone, permissions, messages } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const plain = messages.filter((message) => message.kind === "message");
  const reminders = messages.filter((message) => message.kind === "reminder");
  return (
    <>
      <BackOfficeNav year={year} permissions={permissions} current="messages" />
      <h1>{t("messages.title", { year })}</h1>
      <p className="hint">{t("messages.intro")}</p>
      <ul className="desk-links">
        <li>
          <Link to={paths.backOfficeMessageCompose(language, year, {})}>{t("messages.new")}</Link>
        </li>
        <li>
          <Link to={paths.backOfficeMessageCompose(language, year, { query: new URLSearchParams({ kind: "reminder" }) })}>{t("messages.newReminder")}</Link>
        </li>
      </ul>
      <section aria-labelledby="messages-sent">
        <h2 id="messages-sent">{t("messages.listTitle")}</h2>
        {plain.length === 0 ? <p>{t("messages.none")}</p> : <MessagesTable id="messages-caption" caption={t("messages.listCaption")} rows={plain} year={year} timeZone={timeZone} reminders={false} />}
      </section>
      <section aria-labelledby="reminders">
        <h2 id="reminders">{t("messages.reminders")}</h2>
        <p className="hint">{t("messages.remindersIntro")}</p>
        {reminders.length === 0 ? (
          <p>{t("messages.noReminders")}</p>
        ) : (
          <MessagesTable id="reminders-caption" caption={t("messages.remindersCaption")} rows={reminders} year={year} timeZone={timeZone} reminders />
        )}
      </section>
    </>
  );
}
