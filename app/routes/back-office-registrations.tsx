import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { data, Form, Link, redirect, redirectDocument, useNavigate, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/back-office-registrations";
import type { RouteHandle } from "~/root";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { applyBulkAction, registrationsTable, reviewBulkAction, tableChoices, type BulkScope } from "~/features/desk/table.server";
import { bulkActions, readTableView, tableColumns, tableQuery, type TableColumn, type TableView } from "~/features/desk/table-url";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { emptyFilter, filterFields, filterSearchParams, parseFilter, searchMaxLength, type FilterField, type RegistrationFilter } from "~/features/segments/filter";
import { deleteSegment, saveSegment } from "~/features/segments/segments.server";
import { organisationTypes, participantCategories, registrationStatuses } from "~/db/schema";
import { languages } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { countryName, formatDateTime, formatDay } from "~/lib/format";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { localisedString } from "~/lib/localised";
import { pageTitle } from "~/lib/meta";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "registrations");
    const url = new URL(request.url);
    const view = readTableView(url.searchParams);
    // A filter form sent without JavaScript arrives in its raw shape: send it to the view's one address.
    const query = tableQuery(view);
    if (new URLSearchParams(url.search).toString() !== query.slice(1)) throw redirect(url.pathname + query);
    const [table, { segments, ...choices }] = await Promise.all([registrationsTable(context.db, access, view.filter, view.order), tableChoices(context.db, access)]);
    return data(
      {
        language,
        year: edition.year,
        timeZone: edition.time_zone,
        days: edition.days,
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        view,
        table,
        choices,
        segments,
      },
      { headers: personalHeaders },
    );
  });
}

const bulkSchema = z.object({
  decision: z.enum(bulkActions),
  scope: z.enum(["selection", "filter"]),
  view: z.string().max(20_000).default(""),
  registration: z.array(z.string().regex(/^[1-9][0-9]{0,8}$/).transform(Number)).max(1000).default([]),
});

/** The registrations a bulk form names: its ticked rows, or those of the view it was sent from. */
function bulkScope(form: FormData): { decision: (typeof bulkActions)[number]; scope: BulkScope; view: string } {
  const parsed = bulkSchema.safeParse({
    decision: form.get("decision") ?? undefined,
    scope: form.get("scope") ?? undefined,
    view: form.get("view") ?? undefined,
    registration: form.getAll("registration"),
  });
  if (!parsed.success) throw new AppError("bulk_scope_empty");
  const { decision, scope, view, registration } = parsed.data;
  if (scope === "selection" && registration.length === 0) throw new AppError("bulk_scope_empty");
  return {
    decision,
    view,
    scope: scope === "filter" ? { kind: "filter", filter: readTableView(new URLSearchParams(view)).filter } : { kind: "selection", registrationIds: registration },
  };
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors(async () => {
    const { access, person } = await requireBackOffice(request, context, parseYear(params.year), "registrations");
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    // A message is written, reviewed and confirmed in the composer, which opens with these registrations.
    if (form.get("intent") === "bulk_review" && form.get("decision") === "message") {
      const selection = form.getAll("registration").filter((value): value is string => typeof value === "string");
      const filter: RegistrationFilter =
        form.get("scope") === "filter"
          ? readTableView(new URLSearchParams(String(form.get("view") ?? ""))).filter
          : { ...emptyFilter, include: { registration: selection } };
      const chosen = parseFilter(filterSearchParams(filter));
      if (form.get("scope") !== "filter" && !chosen.include.registration) throw new AppError("bulk_scope_empty");
      // A document load, as for every link out of this page (see leaveAsDocument).
      throw redirectDocument(paths.backOfficeMessageCompose(routeLanguage(request), access.year, { query: filterSearchParams(chosen) }), 303);
    }
    switch (form.get("intent")) {
      case "bulk_review": {
        const { decision, scope, view } = bulkScope(form);
        const review = await reviewBulkAction(context.db, access, scope);
        return { review: { decision, view, scope: scope.kind, ids: scope.kind === "selection" ? scope.registrationIds : [], named: review.named, touched: review.touched.length, changed: false } };
      }
      case "bulk_apply": {
        const { decision, scope, view } = bulkScope(form);
        const expected = z.coerce.number().int().min(0).safeParse(form.get("expected"));
        if (!expected.success) throw new AppError("bulk_scope_empty");
        const outcome = await applyBulkAction(context.db, access, { action: decision, scope, expected: expected.data, now, publicUrl: context.env.PUBLIC_URL });
        if ("changed" in outcome) {
          const { named, touched } = outcome.changed;
          return { review: { decision, view, scope: scope.kind, ids: scope.kind === "selection" ? scope.registrationIds : [], named, touched: touched.length, changed: true } };
        }
        return { done: { decision, count: outcome.done } };
      }
      case "save_segment": {
        const filter = readTableView(new URLSearchParams(String(form.get("view") ?? ""))).filter;
        const saved = await saveSegment(context.db, access, { name: String(form.get("name") ?? ""), filter, now });
        return { saved: saved.name };
      }
      case "delete_segment":
        await deleteSegment(context.db, access, { segmentId: parseId(String(form.get("segment") ?? "")), now });
        return { deleted: true };
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

// Client code for the search as one types; every form works without it.
export const handle: RouteHandle = { hydrate: true };

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, translate(page.language, "desk.title", { year: page.year })) }] : [];

type Option = { value: string; label: string };

// Made once per language: building one costs more than sorting a few dozen names with it.
const collators = new Map<string, Intl.Collator>();
function collatorOf(language: string): Intl.Collator {
  let collator = collators.get(language);
  if (!collator) {
    collator = new Intl.Collator(language);
    collators.set(language, collator);
  }
  return collator;
}

/** Each option's label by its value, to name a row's values without translating them again. */
const labels = (options: Option[]) => new Map(options.map((option) => [option.value, option.label]));

/** One field of the filter: its values to tick, and whether the table keeps those or the others. */
function FilterFieldset({ field, options, filter }: { field: FilterField; options: Option[]; filter: RegistrationFilter }) {
  const t = useTranslate();
  const excluded = filter.exclude[field] ?? [];
  const ticked = new Set([...(filter.include[field] ?? []), ...excluded]);
  const name = t(`desk.field.${field}`);
  if (options.length === 0) return null;
  return (
    <fieldset className="filter-field">
      <legend>{name}</legend>
      <ul className="choices">
        {options.map((option) => (
          <li key={option.value}>
            <label>
              <input type="checkbox" name={field} value={option.value} defaultChecked={ticked.has(option.value)} /> {option.label}
            </label>
          </li>
        ))}
      </ul>
      <fieldset className="filter-mode">
        <legend className="visually-hidden">{t("desk.mode", { field: name })}</legend>
        <label>
          <input type="radio" name={`mode_${field}`} value="include" defaultChecked={excluded.length === 0} /> {t("desk.mode.include")}
        </label>{" "}
        <label>
          <input type="radio" name={`mode_${field}`} value="exclude" defaultChecked={excluded.length > 0} /> {t("desk.mode.exclude")}
        </label>
      </fieldset>
    </fieldset>
  );
}

/** A column's header: a link that sorts by it, the other way round when it already does. */
function SortHeader({ column, view, here }: { column: TableColumn; view: TableView; here: string }) {
  const t = useTranslate();
  const current = view.order.sort === column;
  const dir = current ? (view.order.dir === "asc" ? "desc" : "asc") : column === "registered" || column === "checked_in" ? "desc" : "asc";
  const target = tableQuery({ filter: view.filter, order: { sort: column, dir, page: 1 } });
  return (
    <th scope="col" aria-sort={current ? (view.order.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link to={here + target} preventScrollReset>
        {t(`desk.column.${column}`)}
        <span className="visually-hidden"> — {t(dir === "asc" ? "desk.sort.ascending" : "desk.sort.descending")}</span>
      </Link>
      {current && <span aria-hidden="true">{view.order.dir === "asc" ? " ▲" : " ▼"}</span>}
    </th>
  );
}

function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="notice notice--open" role="status">
      {children}
    </p>
  );
}

/**
 * This is the one page that runs client code; every other page is made to work without it. A link
 * out of it is therefore followed by the browser, as a document load, rather than rendered by the
 * client router: pages rendered that way were seen to reload themselves after a form was sent,
 * which could swallow the organiser's next click. The listener runs before React's, on `window`
 * in the capture phase, and leaves the browser's default action alone.
 */
function leaveAsDocument(here: string): () => void {
  const onClick = (event: MouseEvent) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!(link instanceof HTMLAnchorElement) || link.origin !== window.location.origin || link.pathname === here) return;
    event.stopImmediatePropagation();
  };
  window.addEventListener("click", onClick, true);
  return () => window.removeEventListener("click", onClick, true);
}

export default function BackOfficeRegistrations({ loaderData, actionData }: Route.ComponentProps) {
  const { year, timeZone, days, csrfToken, permissions, view, table, choices, segments } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const here = paths.backOffice(language, year, "registrations");
  const viewQuery = tableQuery(view).slice(1);
  const filterForm = useRef<HTMLFormElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const review = actionData && "review" in actionData ? actionData.review : undefined;
  const done = actionData && "done" in actionData ? actionData.done : undefined;

  /** With JavaScript, the form goes straight to the view's address, with no round trip through a redirect. */
  const go = (replace: boolean) => {
    if (!filterForm.current) return;
    const sent = new URLSearchParams();
    for (const [name, value] of new FormData(filterForm.current)) if (typeof value === "string") sent.append(name, value);
    const next = readTableView(sent);
    void navigate(here + tableQuery({ filter: next.filter, order: { ...next.order, page: 1 } }), { replace, preventScrollReset: true });
  };
  const submitFilters = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    go(false);
  };
  const searchAsYouType = () => {
    clearTimeout(typing.current);
    typing.current = setTimeout(() => go(true), 250);
  };
  // Said once the page runs its script: until then, the search waits for its button.
  const [live, setLive] = useState(false);
  useEffect(() => {
    setLive(true);
    return () => clearTimeout(typing.current);
  }, []);
  useEffect(() => leaveAsDocument(here), [here]);
  // The search box follows the address when it changes by a link (clear, a segment, back).
  useEffect(() => {
    if (searchInput.current && document.activeElement !== searchInput.current) searchInput.current.value = view.filter.q;
  }, [view.filter.q]);
  useEffect(() => {
    if (review) reviewHeading.current?.focus();
  }, [review]);

  const conditions = filterFields.filter((field) => field !== "segment" && field !== "registration" && (view.filter.include[field] || view.filter.exclude[field])).length;
  const statusLink = (status?: (typeof registrationStatuses)[number]) => {
    const { status: _included, ...include } = view.filter.include;
    const { status: _excluded, ...exclude } = view.filter.exclude;
    return here + tableQuery({ filter: { ...view.filter, include: status ? { ...include, status: [status] } : include, exclude }, order: { ...view.order, page: 1 } });
  };
  const statusShown = view.filter.include.status?.length === 1 && !view.filter.exclude.status ? view.filter.include.status[0] : undefined;
  const allShown = !view.filter.include.status && !view.filter.exclude.status;
  const pageLink = (page: number) => here + tableQuery({ filter: view.filter, order: { ...view.order, page } });

  const collator = collatorOf(language);
  const options: Record<Exclude<FilterField, "segment" | "registration">, Option[]> = {
    status: registrationStatuses.map((status) => ({ value: status, label: t(`registration.status.${status}`) })),
    category: participantCategories.map((category) => ({ value: category, label: t(`registration.category.${category}`) })),
    organisation_type: organisationTypes.map((type) => ({ value: type, label: t(`registration.organisation.${type}`) })),
    country: choices.countries
      .map((code) => ({ value: code, label: countryName(code, language) }))
      .sort((a, b) => collator.compare(a.label, b.label)),
    origin: [
      { value: "domestic", label: t("desk.origin.domestic") },
      { value: "foreign", label: t("desk.origin.foreign") },
    ],
    language: languages.map((code) => ({ value: code, label: t(`editions.language.${code}`) })),
    workshop: [
      { value: "any", label: t("desk.workshop.any") },
      ...choices.workshops.map((workshop) => ({ value: String(workshop.id), label: `${localisedString(workshop.title, language)} (${formatDateTime(workshop.startsAt, language, timeZone)})` })),
    ],
    day: days.map((day) => ({ value: day, label: formatDay(day, language) })),
    delegation: (["none", "any", "lead"] as const).map((value) => ({ value, label: t(`desk.delegation.${value}`) })),
    answer: choices.questions.flatMap((question) => {
      const label = localisedString(question.label, language);
      return [
        ...question.options.map((option) => ({ value: `${question.id}:${option.value}`, label: `${label} — ${localisedString(option.label, language)}` })),
        { value: `${question.id}:*`, label: `${label} — ${t("desk.answer.any")}` },
      ];
    }),
    checked_in: [
      { value: "yes", label: t("desk.checkedIn.yes") },
      { value: "no", label: t("desk.checkedIn.no") },
    ],
  };

  // Fifty rows name the same few values: each translated once.
  const statusLabel = labels(options.status);
  const categoryLabel = labels(options.category);
  const organisationTypeLabel = labels(options.organisation_type);
  const languageLabel = labels(options.language);
  const countryLabel = labels(options.country);

  return (
    <>
      <BackOfficeNav year={year} permissions={permissions} current="registrations" />
      <h1>{t("desk.title", { year })}</h1>
      <ul className="desk-links">
        <li>
          <Link to={paths.backOfficeNewRegistration(language, year)}>{t("deskPerson.newLink")}</Link>
        </li>
        <li>
          <Link to={paths.backOffice(language, year, "exports") + tableQuery(view)}>{t("desk.exportView")}</Link>
        </li>
        <li>
          <Link to={paths.backOfficeMessageCompose(language, year, { query: filterSearchParams(view.filter) })}>{t("messages.fromTable")}</Link>
        </li>
      </ul>
      <ErrorNotice error={actionError(actionData)} />
      {done && <Notice>{t(`desk.bulk.done.${done.decision}`, { count: done.count })}</Notice>}
      {actionData && "saved" in actionData && <Notice>{t("desk.segments.saved", { name: actionData.saved })}</Notice>}
      {actionData && "deleted" in actionData && <Notice>{t("desk.segments.deleted")}</Notice>}

      {review && (
        <section aria-labelledby="bulk-review" className="card">
          <h2 id="bulk-review" tabIndex={-1} ref={reviewHeading}>
            {t("desk.bulk.reviewTitle")}
          </h2>
          {review.changed && (
            <p className="notice notice--closed" role="alert">
              {t("desk.bulk.changed")}
            </p>
          )}
          <p>
            <strong>{t(`desk.bulk.confirm.${review.decision}`, { count: review.touched })}</strong> {t("desk.bulk.others", { others: review.named - review.touched })}
          </p>
          {review.touched > 0 && (
            <>
              <p>{t("desk.bulk.mails")}</p>
              <Form method="post" className="inline-form">
                <CsrfField token={csrfToken} />
                <input type="hidden" name="decision" value={review.decision} />
                <input type="hidden" name="scope" value={review.scope} />
                <input type="hidden" name="view" value={review.view} />
                <input type="hidden" name="expected" value={review.touched} />
                {review.ids.map((id) => (
                  <input key={id} type="hidden" name="registration" value={id} />
                ))}
                <button type="submit" name="intent" value="bulk_apply" className="button">
                  {t("desk.bulk.confirmSubmit")}
                </button>
              </Form>
            </>
          )}{" "}
          <Link to={here + tableQuery(view)} className="button button--secondary">
            {t("desk.bulk.cancel")}
          </Link>
        </section>
      )}

      <Form method="get" action={here} ref={filterForm} onSubmit={submitFilters} role="search" aria-labelledby="desk-search" className="registration-form">
        <h2 id="desk-search" className="visually-hidden">
          {t("desk.search")}
        </h2>
        <div className="field">
          <label htmlFor="q">{t("desk.searchLabel")}</label>
          <p className="hint" id="q-hint">
            {t("desk.searchHint")}
            {live && <> {t("desk.searchLive")}</>}
          </p>
          <input
            id="q"
            name="q"
            type="search"
            ref={searchInput}
            defaultValue={view.filter.q}
            maxLength={searchMaxLength}
            aria-describedby="q-hint"
            onChange={searchAsYouType}
            autoComplete="off"
          />{" "}
          <button type="submit" className="button">
            {t("desk.searchSubmit")}
          </button>
        </div>
        {view.order.sort !== "registered" || view.order.dir !== "desc" ? (
          <>
            <input type="hidden" name="sort" value={view.order.sort} />
            <input type="hidden" name="dir" value={view.order.dir} />
          </>
        ) : null}
        <details open={conditions > 0 || Boolean(view.filter.include.segment || view.filter.exclude.segment)}>
          <summary>
            {t("desk.filters")}
            {conditions > 0 && <> ({t("desk.filtersActive", { count: conditions })})</>}
          </summary>
          <fieldset className="filter-mode">
            <legend>{t("desk.match")}</legend>
            <label>
              <input type="radio" name="match" value="all" defaultChecked={view.filter.match === "all"} /> {t("desk.match.all")}
            </label>{" "}
            <label>
              <input type="radio" name="match" value="any" defaultChecked={view.filter.match === "any"} /> {t("desk.match.any")}
            </label>
          </fieldset>
          <div className="filter-fields">
            {(Object.keys(options) as (keyof typeof options)[]).map((field) => (
              <FilterFieldset key={field} field={field} options={options[field]} filter={view.filter} />
            ))}
            <FilterFieldset field="segment" options={segments.map((segment) => ({ value: String(segment.id), label: segment.name }))} filter={view.filter} />
          </div>
          <button type="submit" className="button">
            {t("desk.apply")}
          </button>{" "}
          <Link to={here} className="button button--secondary">
            {t("desk.clear")}
          </Link>
        </details>
      </Form>

      <nav aria-labelledby="status-counts" className="status-counts">
        <h2 id="status-counts" className="visually-hidden">
          {t("desk.statusCounts")}
        </h2>
        <ul>
          <li>
            <Link to={statusLink()} aria-current={allShown ? "page" : undefined}>
              {t("desk.all")} ({Object.values(table.byStatus).reduce((sum, count) => sum + count, 0).toLocaleString(language)})
            </Link>
          </li>
          {registrationStatuses.map((status) => (
            <li key={status}>
              <Link to={statusLink(status)} aria-current={statusShown === status ? "page" : undefined}>
                {statusLabel.get(status)} ({table.byStatus[status].toLocaleString(language)})
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <p role="status" aria-live="polite" aria-busy={navigation.state === "loading"}>
        {navigation.state === "loading" ? t("desk.updating") : t("desk.results", { total: table.total })}
      </p>

      <Form method="post" id="bulk" className="registration-form">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="view" value={viewQuery} />
        <fieldset>
          <legend>{t("desk.bulk")}</legend>
          <div className="field">
            <label htmlFor="decision">{t("desk.bulk.action")}</label>
            <select id="decision" name="decision" defaultValue="approve">
              {bulkActions.map((decision) => (
                <option key={decision} value={decision}>
                  {t(`desk.bulk.${decision}`)}
                </option>
              ))}
              <option value="message">{t("messages.bulk")}</option>
            </select>
          </div>
          <fieldset className="filter-mode">
            <legend>{t("desk.bulk.scope")}</legend>
            <label>
              <input type="radio" name="scope" value="selection" defaultChecked /> {t("desk.bulk.scope.selection")}
            </label>{" "}
            <label>
              <input type="radio" name="scope" value="filter" /> {t("desk.bulk.scope.filter", { total: table.total })}
            </label>
          </fieldset>
          <button type="submit" name="intent" value="bulk_review" className="button">
            {t("desk.bulk.review")}
          </button>
        </fieldset>
      </Form>

      <div className="table-scroll" role="region" aria-labelledby="desk-caption" tabIndex={0}>
        <table className="desk-table">
          <caption id="desk-caption">{t("desk.caption", { page: table.page, pages: table.pageCount })}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t("desk.column.select")}</span>
              </th>
              {tableColumns.map((column) => (
                <SortHeader key={column} column={column} view={view} here={here} />
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => {
              const name = `${row.givenName} ${row.familyName}`;
              return (
                <tr key={row.id}>
                  <td>
                    <label>
                      <input type="checkbox" name="registration" value={row.id} form="bulk" />
                      <span className="visually-hidden">{t("desk.select", { name })}</span>
                    </label>
                  </td>
                  <th scope="row">
                    <Link to={paths.backOfficeRegistration(language, year, row.id)}>
                      {`${row.familyName.toLocaleUpperCase(language)} ${row.givenName}`}
                    </Link>
                    <span className="meta break-anywhere">{row.email}</span>
                    <span className="meta">{row.reference}</span>
                  </th>
                  <td>{row.organisationName}</td>
                  <td>{organisationTypeLabel.get(row.organisationType)}</td>
                  <td>{countryLabel.get(row.countryCode) ?? countryName(row.countryCode, language)}</td>
                  <td>{row.city}</td>
                  <td>{categoryLabel.get(row.category)}</td>
                  <td>{statusLabel.get(row.status)}</td>
                  <td>{languageLabel.get(row.language)}</td>
                  <td>{formatDateTime(row.registeredAt, language, timeZone)}</td>
                  <td>{row.checkedInAt ? formatDateTime(row.checkedInAt, language, timeZone) : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {table.pageCount > 1 && (
        <nav aria-label={t("desk.pages")} className="pagination">
          <p>{t("desk.page", { page: table.page, pages: table.pageCount })}</p>
          <ul>
            {table.page > 1 && (
              <li>
                <Link to={pageLink(table.page - 1)} rel="prev">
                  {t("desk.previous")}
                </Link>
              </li>
            )}
            {table.page < table.pageCount && (
              <li>
                <Link to={pageLink(table.page + 1)} rel="next">
                  {t("desk.next")}
                </Link>
              </li>
            )}
          </ul>
        </nav>
      )}

      <section aria-labelledby="segments">
        <h2 id="segments">{t("desk.segments")}</h2>
        {segments.length === 0 ? (
          <p>{t("desk.segments.none")}</p>
        ) : (
          <ul>
            {segments.map((segment) => (
              <li key={segment.id}>
                <Link to={here + tableQuery({ filter: { q: "", match: "all", include: { segment: [String(segment.id)] }, exclude: {} }, order: view.order })}>
                  {segment.name}
                </Link>{" "}
                <Form method="post" className="inline-form">
                  <CsrfField token={csrfToken} />
                  <input type="hidden" name="segment" value={segment.id} />
                  <button type="submit" name="intent" value="delete_segment" className="button button--secondary">
                    {t("desk.segments.delete")}
                    <span className="visually-hidden"> – {segment.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" className="registration-form">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="view" value={viewQuery} />
          <fieldset>
            <legend>{t("desk.segments.saveLegend")}</legend>
            <div className="field">
              <label htmlFor="segment-name">{t("desk.segments.name")}</label>
              <input id="segment-name" name="name" type="text" required maxLength={100} />
            </div>
            <button type="submit" name="intent" value="save_segment" className="button">
              {t("desk.segments.submit")}
            </button>
          </fieldset>
        </Form>
      </section>
    </>
  );
}
