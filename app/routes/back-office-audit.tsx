import { data, Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/back-office-audit";
import { instantAt } from "~/features/calendar/zoned-time";
import { auditEntries, type AuditFilters } from "~/features/organisers/audit.server";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { translate } from "~/i18n/translate";
import { formatDateTime } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { handleErrors, parseYear, routeLanguage } from "~/lib/http.server";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** The filters of the URL; an empty field is no filter. */
const filtersSchema = z.object({
  person: z.string().trim().max(254).optional(),
  action: z
    .string()
    .regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/)
    .optional(),
  from: day.optional(),
  to: day.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

function readFilters(url: URL) {
  const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value.trim() !== ""));
  return filtersSchema.safeParse(raw);
}

/** A day of the form, read on the edition's clock: `from` at its start, `to` up to its end. */
function dayBound(value: string | undefined, timeZone: string, end: boolean): Date | undefined {
  if (!value) return undefined;
  try {
    const start = instantAt(`${value}T00:00`, timeZone);
    return end ? instantAt(`${new Date(Date.parse(`${value}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)}T00:00`, timeZone) : start;
  } catch {
    return undefined;
  }
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, edition } = await requireBackOffice(request, context, parseYear(params.year), "team");
    const url = new URL(request.url);
    const parsed = readFilters(url);
    const values = parsed.success ? parsed.data : { page: 1 };
    const filters: AuditFilters = parsed.success
      ? { person: values.person, action: values.action, from: dayBound(values.from, edition.time_zone, false), to: dayBound(values.to, edition.time_zone, true) }
      : {};
    const { entries, more, actions } = await auditEntries(context.db, access, filters, values.page);
    return data(
      {
        language,
        year: edition.year,
        timeZone: edition.time_zone,
        permissions: [...access.permissions],
        invalid: !parsed.success,
        filters: { person: values.person ?? "", action: values.action ?? "", from: values.from ?? "", to: values.to ?? "" },
        page: values.page,
        entries,
        more,
        actions,
      },
      { headers: personalHeaders },
    );
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, translate(page.language, "audit.title", { year: page.year })) }] : [];

/** A JSON value as text, for the before and after columns. */
const shown = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value, null, 1));

export default function BackOfficeAudit({ loaderData }: Route.ComponentProps) {
  const { year, timeZone, permissions, invalid, filters, page, entries, more, actions } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const here = paths.backOffice(language, year, "audit");
  const pageLink = (target: number) => {
    const search = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ""));
    if (target > 1) search.set("page", String(target));
    const query = search.toString();
    return query ? `${here}?${query}` : here;
  };
  return (
    <>
      <BackOfficeNav year={year} permissions={permissions} current="audit" />
      <h1>{t("audit.title", { year })}</h1>
      {invalid && (
        <p className="notice notice--closed" role="alert">
          {t("audit.invalidFilters")}
        </p>
      )}
      <Form method="get" className="registration-form" aria-labelledby="audit-filters">
        <fieldset>
          <legend id="audit-filters">{t("audit.filters")}</legend>
          <div className="field">
            <label htmlFor="person">{t("audit.person")}</label>
            <input id="person" name="person" type="search" defaultValue={filters.person} maxLength={254} />
          </div>
          <div className="field">
            <label htmlFor="action">{t("audit.action")}</label>
            <select id="action" name="action" defaultValue={filters.action}>
              <option value="">{t("audit.anyAction")}</option>
              {actions.map((action) => (
                <option key={action} value={action}>
                  {action}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="from">{t("audit.from")}</label>
            <input id="from" name="from" type="date" defaultValue={filters.from} />
          </div>
          <div className="field">
            <label htmlFor="to">{t("audit.to")}</label>
            <input id="to" name="to" type="date" defaultValue={filters.to} />
          </div>
          <button type="submit" className="button">
            {t("audit.filter")}
          </button>{" "}
          <Link to={here} className="button button--secondary">
            {t("audit.clear")}
          </Link>
        </fieldset>
      </Form>

      <p role="status">
        {t("audit.page", { page })} — {t("audit.count", { count: entries.length })}
      </p>
      <div className="table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
        <table className="audit-log">
          <caption id="audit-caption" className="visually-hidden">
            {t("audit.title", { year })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.edition")}</th>
              <th scope="col">{t("audit.what")}</th>
              <th scope="col">{t("audit.before")}</th>
              <th scope="col">{t("audit.after")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDateTime(entry.at, language, timeZone)}</td>
                <td className="break-anywhere">{entry.actorEmail ?? t("audit.commandLine")}</td>
                <td>{entry.year ?? t("audit.everyEdition")}</td>
                <td>
                  <code>{entry.action}</code> {entry.subjectType}
                  {entry.subjectId ? ` #${entry.subjectId}` : ""}
                </td>
                <td>
                  <pre className="audit-value">{shown(entry.before)}</pre>
                </td>
                <td>
                  <pre className="audit-value">{shown(entry.after)}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label={t("audit.page", { page })} className="pagination">
        <ul>
          {page > 1 && (
            <li>
              <Link to={pageLink(page - 1)} rel="prev">
                {t("audit.previous")}
              </Link>
            </li>
          )}
          {more && (
            <li>
              <Link to={pageLink(page + 1)} rel="next">
                {t("audit.next")}
              </Link>
            </li>
          )}
        </ul>
      </nav>
    </>
  );
}
