import { NavLink } from "react-router";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import type { Permission } from "../roles";
import { backOfficeSections, type BackOfficeSection } from "../sections";

/** The menu of an edition's back office: the sections the person may open, the current one marked. */
export function BackOfficeNav({ year, permissions, current }: { year: number; permissions: readonly Permission[]; current: BackOfficeSection }) {
  const language = useLanguage();
  const t = useTranslate();
  return (
    <nav aria-label={t("backOffice.nav")} className="back-office-nav">
      <ul>
        {backOfficeSections
          .filter((section) => permissions.includes(section.permission))
          .map((section) => (
            <li key={section.key}>
              <NavLink to={paths.backOffice(language, year, section.key)} end aria-current={section.key === current ? "page" : undefined}>
                {t(section.label)}
              </NavLink>
            </li>
          ))}
      </ul>
    </nav>
  );
}
