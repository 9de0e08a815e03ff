import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/back-office-message";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import {
  confirmMessage,
  deleteMessage,
  deliveryReport,
  getMessage,
  previewMessage,
  queueMessageBatches,
  reviewRecipients,
  searchRecipients,
  sendTestMessage,
} from "~/features/messages/messages.server";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { filterSearchParams } from "~/features/segments/filter";
import type { MessageKey } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { formatDateTime } from "~/lib/format";
import { FormPageTitle } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import type { RouteHandle } from "~/root";

const personalHeaders = { "Cache-Control": "private, no-store" };

const doneMessages = {
  saved: "messages.done.saved",
  test: "messages.done.test",
  confirmed: "messages.done.confirmed",
} as const satisfies Record<string, MessageKey>;
const isDone = (value: string | null): value is keyof typeof doneMessages => value !== null && value in doneMessages;

const idParam = z.string().regex(/^[1-9][0-9]{0,8}$/).transform(Number);

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "registrations");
    const messageId = parseId(params.messageId);
    const search = new URL(request.url).searchParams;
    const message = await getMessage(context.db, access, messageId);
    const q = (search.get("q") ?? "").slice(0, 200);
    const [review, choices, report] = await Promise.all([
      reviewRecipients(context.db, access, messageId),
      searchRecipients(context.db, access, messageId, q),
      message.status === "draft" || message.status === "scheduled" || message.status === "missed" ? null : deliveryReport(context.db, access, messageId),
    ]);
    // The recipient chosen in the picker, else the first one found.
    const chosen = idParam.safeParse(search.get("preview") ?? "");
    const previewId = chosen.success ? chosen.data : choices[0]?.registrationId;
    const preview =
      previewId === undefined
        ? null
        : await previewMessage(context.db, access, { messageId, registrationId: previewId, publicUrl: context.env.PUBLIC_URL }).catch((error: unknown) => {
            if (error instanceof AppError && error.code === "message_recipient_not_found") return null;
            throw error;
          });
    const done = search.get("done");
    return data(
      {
        language,
        year: edition.year,
        timeZone: edition.time_zone,
        permissions: [...access.permissions],
        csrfToken: person.csrfToken,
        email: access.email,
        message,
        review,
        q,
        choices,
        preview,
        report,
        done: isDone(done) ? done : null,
      },
      { headers: personalHeaders },
    );
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "registrations");
    const messageId = parseId(params.messageId);
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    const publicUrl = context.env.PUBLIC_URL;
    const here = paths.backOfficeMessage(language, edition.year, messageId);
    switch (form.get("intent")) {
      case "test": {
        const registrationId = idParam.safeParse(form.get("registration") ?? "");
        if (!registrationId.success) throw new AppError("message_recipient_not_found");
        await sendTestMessage(context.db, access, { messageId, registrationId: registrationId.data, now, publicUrl });
        throw redirect(`${here}?done=test&preview=${registrationId.data}`, 303);
      }
      case "confirm": {
        const expected = z.coerce.number().int().min(0).safeParse(form.get("expected"));
        if (!expected.success) throw new AppError("message_no_recipients");
        const outcome = await confirmMessage(context.db, access, { messageId, expected: expected.data, now });
        if ("changed" in outcome) return { changed: outcome.changed };
        // The first batches leave at once; the periodic job queues the rest at its rate.
        await queueMessageBatches(context.db, now, publicUrl, { limit: 200 });
        throw redirect(`${here}?done=confirmed`, 303);
      }
      case "delete":
        await deleteMessage(context.db, access, { messageId, now });
        throw redirect(paths.backOffice(language, edition.year, "messages"), 303);
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const handle: RouteHandle = { form: true };

export default function BackOfficeMessage({ loaderData, actionData }: Route.ComponentProps) {
  const { year, timeZone, permissions, csrfToken, email, message, review, q, choices, preview, report, done } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const error = actionError(actionData);
  const changed = actionData && "changed" in actionData ? actionData.changed : undefined;
  const here = paths.backOfficeMessage(language, year, message.id);
  const notStarted = message.status === "draft" || message.status === "scheduled" || message.status === "missed";
  const title = t(message.kind === "reminder" ? "messages.page.reminderTitle" : "messages.page.title", { subject: message.subject[language] });
  const reviewNow = changed ?? review;
  return (
    <>
      <FormPageTitle title={title} refused={error !== undefined} />
      <BackOfficeNav year={year} permissions={permissions} current="messages" />
      <p>
        <Link to={paths.backOffice(language, year, "messages")}>{t("messages.toList")}</Link>
      </p>
      <h1>{title}</h1>
      <ErrorNotice error={error} />
      {done && (
        <p className="notice notice--open" role="status">
          {t(doneMessages[done], { email })}
        </p>
      )}
      <p>
        {t("messages.page.status", { status: t(`messages.status.${message.status}`) })}
        {message.confirmedAt && <> — {t("messages.page.started", { date: formatDateTime(new Date(message.confirmedAt), language, timeZone) })}</>}
      </p>
      {message.reminder && (
        <p>
          {message.dueAt
            ? t("messages.page.due", { date: formatDateTime(new Date(message.dueAt), language, timeZone), enabled: message.reminder.enabled ? "yes" : "no" })
            : t("messages.page.noDays")}
        </p>
      )}
      {message.status === "missed" && (
        <p className="notice notice--closed" role="status">
          {t("messages.page.missed")}
        </p>
      )}
      {notStarted && (
        <ul className="desk-links">
          <li>
            <Link to={paths.backOfficeMessageCompose(language, year, { id: message.id })}>{t("messages.page.edit")}</Link>
          </li>
          <li>
            <Link to={paths.backOffice(language, year, "registrations") + `?${filterSearchParams(message.filter)}`}>{t("messages.page.seeRecipients")}</Link>
          </li>
        </ul>
      )}

      <section aria-labelledby="recipients">
        <h2 id="recipients">{t("messages.page.recipients")}</h2>
        {changed && (
          <p className="notice notice--closed" role="alert">
            {t("messages.page.changed")}
          </p>
        )}
        <p>
          <strong>{t("messages.page.count", { total: reviewNow.total })}</strong> {t("messages.page.byLanguage", { fr: reviewNow.byLanguage.fr, en: reviewNow.byLanguage.en })}
        </p>
        {notStarted && message.kind === "reminder" && <p className="hint">{t("messages.page.reminderCount")}</p>}
      </section>

      <section aria-labelledby="preview">
        <h2 id="preview">{t("messages.page.preview")}</h2>
        <Form method="get" action={here} role="search" aria-labelledby="preview-search" className="registration-form">
          <h3 id="preview-search" className="visually-hidden">
            {t("messages.page.pickerTitle")}
          </h3>
          <div className="field">
            <label htmlFor="q">{t("messages.page.picker")}</label>
            <input id="q" name="q" type="search" defaultValue={q} maxLength={200} autoComplete="off" />{" "}
            <button type="submit" className="button">
              {t("messages.page.pickerSubmit")}
            </button>
          </div>
        </Form>
        {choices.length === 0 ? (
          <p>{t("messages.page.nobody")}</p>
        ) : (
          <ul className="recipient-choices">
            {choices.map((choice) => (
              <li key={choice.registrationId}>
                <Link
                  to={`${here}?${new URLSearchParams({ ...(q ? { q } : {}), preview: String(choice.registrationId) })}`}
                  aria-current={preview?.registrationId === choice.registrationId ? "true" : undefined}
                >
                  {choice.name}
                </Link>{" "}
                <span className="meta break-anywhere">
                  {choice.email} — {t(`editions.language.${choice.language}`)}
                </span>
              </li>
            ))}
          </ul>
        )}
        {preview && (
          <article aria-labelledby="preview-title" className="card">
            <h3 id="preview-title">{t("messages.page.previewAs", { name: preview.name, language: t(`editions.language.${preview.language}`) })}</h3>
            <p>
              {t("messages.page.subject")} <strong lang={preview.language}>{preview.subject}</strong>
            </p>
            <iframe srcDoc={preview.html} title={t("messages.page.htmlFrame", { name: preview.name })} sandbox="" width="100%" height="400" />
            <details>
              <summary>{t("messages.page.textPart")}</summary>
              <pre lang={preview.language} className="break-anywhere">
                {preview.text}
              </pre>
            </details>
            {notStarted && (
              <Form method="post" className="inline-form">
                <CsrfField token={csrfToken} />
                <input type="hidden" name="registration" value={preview.registrationId} />
                <button type="submit" name="intent" value="test" className="button button--secondary">
                  {t("messages.page.test", { email })}
                </button>
              </Form>
            )}
          </article>
        )}
      </section>

      {message.kind === "message" && message.status === "draft" && (
        <section aria-labelledby="confirm" className="card">
          <h2 id="confirm">{t("messages.page.confirmTitle")}</h2>
          {reviewNow.total === 0 ? (
            <p>{t("messages.page.noRecipients")}</p>
          ) : (
            <Form method="post">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="expected" value={reviewNow.total} />
              <p>{t("messages.page.confirmText", { total: reviewNow.total })}</p>
              <button type="submit" name="intent" value="confirm" className="button">
                {t("messages.page.confirm", { total: reviewNow.total })}
              </button>
            </Form>
          )}
        </section>
      )}

      {notStarted && (
        <Form method="post" className="inline-form">
          <CsrfField token={csrfToken} />
          <button type="submit" name="intent" value="delete" className="button button--secondary">
            {t("messages.page.delete")}
          </button>
        </Form>
      )}

      {report && (
        <section aria-labelledby="report">
          <h2 id="report">{t("messages.report.title")}</h2>
          <p className="hint">{t("messages.report.hint")}</p>
          <dl className="details">
            <dt>{t("messages.report.total")}</dt>
            <dd>{report.total.toLocaleString(language)}</dd>
            <dt>{t("messages.report.waiting")}</dt>
            <dd>{report.waiting.toLocaleString(language)}</dd>
            <dt>{t("messages.report.pending")}</dt>
            <dd>{report.pending.toLocaleString(language)}</dd>
            <dt>{t("messages.report.sent")}</dt>
            <dd data-count="sent">{report.sent.toLocaleString(language)}</dd>
            <dt>{t("messages.report.failed")}</dt>
            <dd>{report.failed.toLocaleString(language)}</dd>
            {report.purged > 0 && (
              <>
                <dt>{t("messages.report.purged")}</dt>
                <dd>{report.purged.toLocaleString(language)}</dd>
              </>
            )}
          </dl>
          {report.failures.length > 0 && (
            <div className="table-scroll" role="region" aria-labelledby="failures-caption" tabIndex={0}>
              <table>
                <caption id="failures-caption">{t("messages.report.failures")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("messages.report.person")}</th>
                    <th scope="col">{t("messages.report.address")}</th>
                    <th scope="col">{t("messages.report.attempts")}</th>
                    <th scope="col">{t("messages.report.reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.failures.map((failure) => (
                    <tr key={failure.registrationId}>
                      <th scope="row">
                        <Link to={paths.backOfficeRegistration(language, year, failure.registrationId)}>{failure.name}</Link>
                      </th>
                      <td className="break-anywhere">{failure.email}</td>
                      <td>{failure.attempts}</td>
                      <td className="break-anywhere">{failure.error ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}
