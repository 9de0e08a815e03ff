import { data } from "react-router";
import type { Route } from "./+types/back-office-figures";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import {
  editionFigures,
  type Count,
} from "~/features/organisers/figures.server";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { translate, type MessageKey } from "~/i18n/translate";
import { countryName } from "~/lib/format";
import { handleErrors, parseYear, routeLanguage } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { Localised } from "~/lib/localised";
import { useLanguage, useTranslate } from "~/lib/use-language";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, edition } = await requireBackOffice(
      request,
      context,
      parseYear(params.year),
      "figures",
    );
    const figures = await editionFigures(context.db, access);
    return data(
      {
        language,
        year: edition.year,
        permissions: [...access.permissions],
        figures,
      },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  });
}

export const meta: Route.MetaFunction = ({ data: page }) =>
  page
    ? [
        {
          title: pageTitle(
            page.language,
            translate(page.language, "figures.title", { year: page.year }),
          ),
        },
      ]
    : [];

function CountTable({
  id,
  caption,
  rows,
  label,
}: {
  id: string;
  caption: string;
  rows: Count[];
  label: (key: string) => string;
}) {
  const t = useTranslate();
  const language = useLanguage();
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <table className="figures">
      <caption id={id}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{caption}</th>
          <th scope="col" className="number">
            {t("figures.count")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{label(row.key)}</th>
            <td className="number">{row.count.toLocaleString(language)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t("figures.total")}</th>
          <td className="number">{total.toLocaleString(language)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

export default function BackOfficeFigures({
  loaderData,
}: Route.ComponentProps) {
  const { year, permissions, figures } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  return (
    <>
      <BackOfficeNav year={year} permissions={permissions} current="figures" />
      <h1>{t("figures.title", { year })}</h1>
      <p className="hint">{t("figures.intro")}</p>
      <CountTable
        id="by-status"
        caption={t("figures.byStatus")}
        rows={figures.byStatus}
        label={(key) => t(`registration.status.${key}` as MessageKey)}
      />
      <CountTable
        id="by-category"
        caption={t("figures.byCategory")}
        rows={figures.byCategory}
        label={(key) => t(`registration.category.${key}` as MessageKey)}
      />
      <CountTable
        id="by-organisation-type"
        caption={t("figures.byOrganisationType")}
        rows={figures.byOrganisationType}
        label={(key) => t(`registration.organisation.${key}` as MessageKey)}
      />
      <CountTable
        id="by-country"
        caption={t("figures.byCountry", { countries: figures.countries })}
        rows={figures.byCountry}
        label={(key) => countryName(key, language)}
      />
      {/* Four columns are wider than a phone: the table scrolls sideways, by keyboard too. */}
      <div
        className="table-scroll"
        role="region"
        aria-labelledby="workshops"
        tabIndex={0}
      >
        <table className="figures">
          <caption id="workshops">{t("figures.workshops")}</caption>
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
                {t("figures.waitlisted")}
              </th>
            </tr>
          </thead>
          <tbody>
            {figures.workshops.map((workshop) => (
              <tr key={workshop.id}>
                <th scope="row">
                  <Localised value={workshop.title} />
                </th>
                <td className="number">
                  {workshop.capacity ?? t("figures.noLimit")}
                </td>
                <td className="number">{workshop.confirmed}</td>
                <td className="number">{workshop.waitlisted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
