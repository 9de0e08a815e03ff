import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/back-office-figures";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { BarChart, Chart, chartColours, countBars, CountTable, CumulativeChart, WorldMap } from "~/features/figures/components/charts";
import { comparisonRows, fillOf, formatShare, labels, share, workshopLabel, type WorkshopFill } from "~/features/figures/figures";
import { figuresPage } from "~/features/figures/figures-page.server";
import { freezeFigures } from "~/features/figures/snapshots.server";
import { mappedCountries } from "~/features/figures/world-map";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { filterSearchParams, parseFilter } from "~/features/segments/filter";
import { languages } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { formatDateTime, formatDay } from "~/lib/format";
import { handleActionErrors, handleErrors, parseYear, routeLanguage } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "figures");
    const search = new URL(request.url).searchParams;
    const filter = parseFilter(search);
    const page = await figuresPage(context.db, access, { filter, now: context.now() });
    return data(
      {
        language,
        year: edition.year,
        timeZone: edition.time_zone,
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        query: filterSearchParams(filter).toString(),
        segmentId: filter.include.segment?.[0] ?? "",
        frozen: search.get("frozen") !== null,
        ...page,
      },
      { headers: personalHeaders },
    );
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "figures");
    const form = await request.formData();
    verifyCsrf(args, form, person);
    if (form.get("intent") !== "freeze") throw new AppError("unknown_intent");
    const filter = parseFilter(new URL(request.url).searchParams);
    await freezeFigures(context.db, access, { filter, now: context.now() });
    const query = filterSearchParams(filter);
    query.set("frozen", "1");
    throw redirect(`${paths.backOffice(language, edition.year, "figures")}?${query}#snapshots`, 303);
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, translate(page.language, "figures.title", { year: page.year })) }] : [];

export default function BackOfficeFigures({ loaderData, actionData }: Route.ComponentProps) {
  const { year, timeZone, csrfToken, permissions, figures, scope, snapshots, segments, query, segmentId, frozen } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const here = paths.backOffice(language, year, "figures");
  const number = (value: number) => value.toLocaleString(language);
  const canFreeze = permissions.includes("registrations");
  const country = (code: string) => labels.country(code, language);
  const domestic = figures.byCountry.find((row) => row.key === figures.venueCountry)?.count ?? 0;
  const onMap = mappedCountries();
  const offMap = figures.byCountry.filter((row) => !onMap.has(row.key));
  const rows = comparisonRows(figures);
  const previousYear = figures.previous?.year;
  const series = [
    ...(figures.previous ? [{ label: t("figures.timeline.current", { year: figures.previous.year }), values: figures.previous.cumulative, dashed: true, colour: chartColours.previous }] : []),
    { label: t("figures.timeline.current", { year }), values: figures.timeline.cumulative, dashed: false, colour: chartColours.current },
  ];
  const breakdowns = [
    { id: "by-category", caption: t("figures.byCategory"), heading: t("figures.category"), rows: figures.byCategory, label: (key: string) => labels.category(key, language) },
    { id: "by-organisation-type", caption: t("figures.byOrganisationType"), heading: t("figures.organisationType"), rows: figures.byOrganisationType, label: (key: string) => labels.organisationType(key, language) },
    { id: "by-language", caption: t("figures.byLanguage"), heading: t("figures.language"), rows: figures.byLanguage, label: (key: string) => labels.language(key, language) },
  ];
  const workshopTitle = (workshop: WorkshopFill) => workshopLabel(workshop, language, figures.timeZone);
  return (
    <>
      <BackOfficeNav year={year} permissions={permissions} current="figures" />
      <h1>{t("figures.title", { year })}</h1>
      <p className="hint">
        {t("figures.intro")} {t("figures.asOf", { date: formatDateTime(new Date(figures.asOf), language, timeZone) })}
      </p>
      <ErrorNotice error={actionError(actionData)} />

      {segments.length > 0 && (
        <Form method="get" action={here} className="filters figures-scope">
          <label htmlFor="figures-segment">{t("figures.scope.legend")}</label>{" "}
          <select id="figures-segment" name="segment" defaultValue={segmentId}>
            <option value="">{t("figures.scope.all")}</option>
            {segments.map((segment) => (
              <option key={segment.id} value={segment.id}>
                {segment.name}
              </option>
            ))}
          </select>{" "}
          <button type="submit" className="button button--secondary">
            {t("figures.scope.show")}
          </button>
        </Form>
      )}
      {scope !== null && (
        <p className="notice" role="status">
          {t("figures.scope.current", { name: scope })} <a href={here}>{t("figures.scope.reset")}</a>
        </p>
      )}

      <section aria-labelledby="key-figures">
        <h2 id="key-figures">{t("figures.key")}</h2>
        <dl className="figures-key">
          <div>
            <dt>{t("figures.key.total")}</dt>
            <dd data-figure="total">{number(figures.total)}</dd>
          </div>
          <div>
            <dt>{t("figures.key.countries")}</dt>
            <dd data-figure="countries">{number(figures.countries)}</dd>
          </div>
          <div>
            <dt>{t("figures.key.foreign")}</dt>
            <dd data-figure="foreign">{t("figures.key.foreignValue", { count: number(figures.foreign), share: formatShare(share(figures.foreign, figures.total), language) })}</dd>
          </div>
        </dl>
      </section>

      <Chart
        id="timeline"
        caption={t("figures.timeline")}
        chart={
          <>
            <p className="hint">
              {t("figures.timeline.intro", {
                opening: formatDay(figures.timeline.opening, language),
                previous: figures.previous ? formatDay(figures.previous.opening, language) : "none",
                previousYear: previousYear ?? "",
              })}{" "}
              {!figures.previous ? t("figures.timeline.noPrevious") : scope !== null ? t("figures.timeline.previousWhole") : null}
            </p>
            <CumulativeChart labelledBy="timeline" series={series} axisDay={(day) => t("figures.timeline.axisDay", { day })} axisCount={t("figures.timeline.axisCount")} />
          </>
        }
        table={
          <table className="figures">
            <caption id="timeline-data">{t("figures.timeline")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("figures.timeline.day")}</th>
                <th scope="col">{t("figures.timeline.date", { year })}</th>
                <th scope="col" className="number">
                  {t("figures.timeline.current", { year })}
                </th>
                {previousYear !== undefined && (
                  <th scope="col" className="number">
                    {t("figures.timeline.previous", { year: previousYear })}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.day}>
                  <th scope="row">{t("figures.timeline.axisDay", { day: row.day })}</th>
                  <td>{formatDay(row.date, language)}</td>
                  <td className="number">{row.current === null ? "—" : number(row.current)}</td>
                  {previousYear !== undefined && <td className="number">{row.previous === null ? "—" : number(row.previous)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />

      <Chart
        id="by-country"
        caption={t("figures.byCountry", { countries: figures.countries })}
        chart={
          <>
            <WorldMap labelledBy="by-country" counts={figures.byCountry} name={country} legendTitle={t("figures.map.legend")} />
            {offMap.length > 0 && <p className="hint">{t("figures.map.missing", { countries: offMap.map((row) => `${country(row.key)} (${number(row.count)})`).join(", ") })}</p>}
          </>
        }
        table={<CountTable id="by-country-data" caption={t("figures.byCountry", { countries: figures.countries })} heading={t("figures.country")} rows={figures.byCountry} label={country} total={figures.total} />}
      />

      <Chart
        id="origin"
        caption={t("figures.origin")}
        chart={
          <BarChart
            labelledBy="origin"
            bars={countBars(
              [
                { key: "domestic", count: domestic },
                { key: "foreign", count: figures.foreign },
              ],
              (key) => (key === "domestic" ? t("figures.origin.domestic", { country: country(figures.venueCountry) }) : t("figures.origin.foreign")),
              figures.total,
              language,
            )}
          />
        }
        table={
          <CountTable
            id="origin-data"
            caption={t("figures.origin")}
            heading={t("figures.origin.heading")}
            rows={[
              { key: "domestic", count: domestic },
              { key: "foreign", count: figures.foreign },
            ]}
            label={(key) => (key === "domestic" ? t("figures.origin.domestic", { country: country(figures.venueCountry) }) : t("figures.origin.foreign"))}
            total={figures.total}
          />
        }
      />

      {breakdowns.map((breakdown) => (
        <Chart
          key={breakdown.id}
          id={breakdown.id}
          caption={breakdown.caption}
          chart={<BarChart labelledBy={breakdown.id} bars={countBars(breakdown.rows, breakdown.label, figures.total, language)} />}
          table={<CountTable id={`${breakdown.id}-data`} caption={breakdown.caption} heading={breakdown.heading} rows={breakdown.rows} label={breakdown.label} total={figures.total} />}
        />
      ))}

      <Chart
        id="workshops"
        caption={t("figures.workshops")}
        chart={
          figures.workshops.length === 0 ? (
            <p>{t("figures.noWorkshop")}</p>
          ) : (
            <BarChart
              labelledBy="workshops"
              bars={figures.workshops.map((workshop) => {
                const fill = fillOf(workshop);
                return {
                  key: String(workshop.id),
                  label: workshopTitle(workshop),
                  fraction: fill ?? 0,
                  value: workshop.capacity ? t("figures.fillValue", { taken: number(workshop.confirmed), capacity: number(workshop.capacity), share: formatShare(fill ?? 0, language) }) : `${number(workshop.confirmed)}`,
                };
              })}
            />
          )
        }
        table={
          <table className="figures">
            <caption id="workshops-data">{t("figures.workshops")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("figures.session")}</th>
                <th scope="col" className="number">
                  {t("figures.capacity")}
                </th>
                <th scope="col" className="number">
                  {t("figures.confirmed")}
                </th>
                <th scope="col" className="number">
                  {t("figures.fill")}
                </th>
                <th scope="col" className="number">
                  {t("figures.waitlisted")}
                </th>
              </tr>
            </thead>
            <tbody>
              {figures.workshops.map((workshop) => {
                const fill = fillOf(workshop);
                return (
                  <tr key={workshop.id}>
                    <th scope="row">{workshopTitle(workshop)}</th>
                    <td className="number">{workshop.capacity ?? t("figures.noLimit")}</td>
                    <td className="number">{number(workshop.confirmed)}</td>
                    <td className="number">{fill === null ? "—" : formatShare(fill, language)}</td>
                    <td className="number">{number(workshop.waitlisted)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        }
      />

      <section className="figures-chart">
        <h2 id="by-status">{t("figures.byStatus")}</h2>
        <div className="table-scroll" role="region" aria-labelledby="by-status-data" tabIndex={0}>
          <CountTable
            id="by-status-data"
            caption={t("figures.byStatus")}
            heading={t("figures.status")}
            rows={figures.byStatus}
            label={(key) => labels.status(key, language)}
            total={figures.byStatus.reduce((sum, row) => sum + row.count, 0)}
          />
        </div>
      </section>

      <section>
        <h2 id="snapshots">{t("figures.snapshots")}</h2>
        <p>{t("figures.snapshots.intro")}</p>
        {frozen && (
          <p className="notice notice--open" role="status">
            {t("figures.frozen")}
          </p>
        )}
        {canFreeze && (
          <Form method="post" action={query ? `${here}?${query}` : here}>
            <CsrfField token={csrfToken} />
            <button type="submit" name="intent" value="freeze" className="button">
              {t("figures.freeze")}
            </button>
          </Form>
        )}
        {snapshots.length === 0 ? (
          <p>{t("figures.snapshots.none")}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="snapshots-data" tabIndex={0}>
            <table className="figures">
              <caption id="snapshots-data">{t("figures.snapshots")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("figures.snapshots.frozenAt")}</th>
                  <th scope="col">{t("figures.snapshots.scope")}</th>
                  {canFreeze && <th scope="col">{t("figures.snapshots.by")}</th>}
                  <th scope="col" className="number">
                    {t("figures.key.total")}
                  </th>
                  <th scope="col">{t("figures.snapshots.downloads")}</th>
                </tr>
              </thead>
              <tbody>
                {snapshots.map((snapshot) => {
                  const date = formatDateTime(new Date(snapshot.frozenAt), language, timeZone);
                  return (
                    <tr key={snapshot.id}>
                      <th scope="row">{date}</th>
                      <td>{snapshot.segmentName ?? t("figures.scope.all")}</td>
                      {canFreeze && <td>{snapshot.frozenByEmail}</td>}
                      <td className="number">{number(snapshot.total)}</td>
                      <td>
                        <ul className="figures-downloads">
                          {languages.map((reportLanguage) => {
                            const name = new Intl.DisplayNames([language], { type: "language" }).of(reportLanguage) ?? reportLanguage;
                            return (
                              <li key={reportLanguage}>
                                <a href={paths.figuresSnapshot(reportLanguage, year, snapshot.id, "pdf")} download>
                                  {t("figures.download.pdf", { language: name })}
                                  <span className="visually-hidden">, {date}</span>
                                </a>
                              </li>
                            );
                          })}
                          <li>
                            <a href={paths.figuresSnapshot(language, year, snapshot.id, "xlsx")} download>
                              {t("figures.download.xlsx")}
                              <span className="visually-hidden">, {date}</span>
                            </a>
                          </li>
                        </ul>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
