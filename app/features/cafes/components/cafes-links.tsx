import { Link } from "react-router";
import type { SpaceRegistration } from "~/features/registration/components/types";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

/** The cafés in a confirmed registration of the personal space: tables, one's seats, and one's guests as a host. */
export function CafesLinks({ registration }: { registration: SpaceRegistration }) {
  const language = useLanguage();
  const t = useTranslate();
  if (registration.status !== "confirmed") return null;
  return (
    <section aria-labelledby={`cafes-${registration.id}`}>
      <h3 id={`cafes-${registration.id}`}>{t("cafes.space.title")}</h3>
      <p>{t("cafes.space.intro")}</p>
      <ul>
        <li>
          <Link to={paths.cafes(language, registration.year)}>{t("cafes.space.link")}</Link>
        </li>
      </ul>
    </section>
  );
}
