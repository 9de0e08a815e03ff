import { data, Form } from "react-router";
import type { Route } from "./+types/back-office-exports";
import { defaultColumns, type ExportColumn } from "~/features/exports/exports";
import { exportsPage } from "~/features/exports/exports.server";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { filterSearchParams, isEmptyFilter, parseFilter } from "~/features/segments/filter";
import { translate } from "~/i18n/translate";
import { formatDate, formatTime } from "~/lib/format";
import { handleErrors, parseYear, routeLanguage } from "~/lib/http.server";
import { Localised } from "~/lib/localised";
import { pageTitle } from "~/lib/meta";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, edition } = await requireBackOffice(request, context, parseYear(params.year), "registrations");
    // Opened from the registrations table, the page carries its filter (or its segment) along.
    const filter = parseFilter(new URL(request.url).searchParams);
    return data(
      {
        language,
        year: edition.year,
        timeZone: edition.time_zone,
        permissions: [...access.permissions],
        filtered: !isEmptyFilter(filter),
        filterParams: [...filterSearchParams(filter)],
        page: await exportsPage(context.db, access, filter, language),
      },
      { headers: personalHeaders },
    );
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) => (page ? [{ title: pageTitle(page.language, translate(page.language, "exports.title", { year: page.year })) }] : []);

export default function BackOfficeExports({ loaderData }: Route.ComponentProps) {
  const { year, timeZone, permissions, filtered, filterParams, page } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const checked = (key: ExportColumn) => (defaultColumns as readonly string[]).includes(key);
  const fixed = page.columns.filter((column) => !column.key.startsWith("answer:"));
  const answers = page.columns.filter((column) => column.key.startsWith("answer:"));
  return (
    <>
      <BackOfficeNav year={year} permissions={permissions} current="exports" />
      <h1>{t("exports.title", { year })}</h1>
      <p className="hint">{t("exports.intro")}</p>

      <section aria-labelledby="registrations-export">
        <h2 id="registrations-export">{t("exports.registrations")}</h2>
        {/* A file, not a page: the browser downloads it and stays here. */}
        <Form method="get" action={paths.registrationsExport(language, year, new URLSearchParams())} reloadDocument className="registration-form">
          {filterParams.map(([name, value], index) => (
            <input key={`${name}-${index}`} type="hidden" name={name} value={value} />
          ))}
          <fieldset className="field">
            <legend>{t("exports.source")}</legend>
            <ul className="choices">
              <li>
                <label>
                  <input type="radio" name="source" value="filter" defaultChecked />
                  {t(filtered ? "exports.source.filter" : "exports.source.all", { count: page.matching })}
                </label>
              </li>
              {page.segments.map((segment) => (
                <li key={segment.id}>
                  <label>
                    <input type="radio" name="source" value={segment.id} />
                    {t("exports.source.segmentChoice", { name: segment.name })}
                  </label>
                </li>
              ))}
            </ul>
            {page.segments.length === 0 && <p className="hint">{t("exports.source.noSegment")}</p>}
          </fieldset>
          <fieldset className="field">
            <legend>{t("exports.columns")}</legend>
            <ul className="choices choices--columns">
              {fixed.map((column) => (
                <li key={column.key}>
                  <label>
                    <input type="checkbox" name="column" value={column.key} defaultChecked={checked(column.key)} />
                    {column.label}
                  </label>
                </li>
              ))}
            </ul>
            {answers.length > 0 && (
              <fieldset className="field">
                <legend>{t("exports.columns.questions")}</legend>
                <ul className="choices choices--columns">
                  {answers.map((column) => (
                    <li key={column.key}>
                      <label>
                        <input type="checkbox" name="column" value={column.key} />
                        {column.label}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            )}
          </fieldset>
          <fieldset className="field">
            <legend>{t("exports.format")}</legend>
            <ul className="choices">
              <li>
                <label>
                  <input type="radio" name="format" value="xlsx" defaultChecked />
                  {t("exports.format.xlsx")}
                </label>
              </li>
              <li>
                <label>
                  <input type="radio" name="format" value="csv" />
                  {t("exports.format.csv")}
                </label>
              </li>
            </ul>
          </fieldset>
          <fieldset className="field">
            <legend>{t("exports.separator")}</legend>
            <ul className="choices">
              <li>
                <label>
                  <input type="radio" name="separator" value="semicolon" defaultChecked />
                  {t("exports.separator.semicolon")}
                </label>
              </li>
              <li>
                <label>
                  <input type="radio" name="separator" value="comma" />
                  {t("exports.separator.comma")}
                </label>
              </li>
            </ul>
          </fieldset>
          <button type="submit" className="button">
            {t("exports.download")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="workshop-exports">
        <h2 id="workshop-exports">{t("exports.workshops")}</h2>
        <p className="hint">{t("exports.workshops.intro")}</p>
        {page.workshops.length === 0 ? (
          <p>{t("exports.workshops.none")}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="workshop-list" tabIndex={0}>
            <table>
              <caption id="workshop-list" className="visually-hidden">
                {t("exports.workshops.list")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("exports.workshops.session")}</th>
                  <th scope="col">{t("exports.workshops.when")}</th>
                  <th scope="col">{t("exports.workshops.room")}</th>
                  <th scope="col" className="number">
                    {t("exports.workshops.confirmed")}
                  </th>
                  <th scope="col">{t("exports.workshops.files")}</th>
                </tr>
              </thead>
              <tbody>
                {page.workshops.map((workshop) => (
                  <tr key={workshop.id}>
                    <th scope="row">
                      <Localised value={workshop.title} />
                    </th>
                    <td>
                      {formatDate(new Date(workshop.startsAt), language, timeZone)}, {formatTime(new Date(workshop.startsAt), language, timeZone)}–
                      {formatTime(new Date(workshop.endsAt), language, timeZone)}
                    </td>
                    <td>{workshop.room ? <Localised value={workshop.room} /> : null}</td>
                    <td className="number">{workshop.confirmed}</td>
                    <td>
                      <ul className="file-links">
                        {(["xlsx", "csv", "pdf"] as const).map((format) => (
                          <li key={format}>
                            <a href={paths.workshopExport(language, year, workshop.id, format)}>
                              {format.toUpperCase()}
                              <span className="visually-hidden">
                                {" "}
                                – <Localised value={workshop.title} />, {formatTime(new Date(workshop.startsAt), language, timeZone)}
                              </span>
                            </a>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
