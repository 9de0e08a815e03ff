import type { Route } from "./+types/privacy";
import { staticPageLoader } from "~/features/site/static-page";
import { pageTitle } from "~/lib/meta";
import { useLanguage } from "~/lib/use-language";
import { translate } from "~/i18n/translate";

export const loader = staticPageLoader;
export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, translate(page.language, "footer.privacy")) }] : [];

const contact = "coop-dec@cites-unies-france.org";

function French() {
  return (
    <>
      <h1>Données personnelles</h1>
      <p>
        Les pages publiques de ce site ne déposent aucun cookie et ne font appel à aucun service de mesure d'audience ni à
        aucun contenu tiers. Le serveur conserve des journaux techniques (adresse IP, page demandée, date) pour sa sécurité,
        pendant 30 jours au plus.
      </p>
      <h2>Responsable du traitement</h2>
      <p>
        Cités Unies France. Pour toute question, et pour exercer vos droits d'accès, de rectification, d'effacement, de
        limitation et d'opposition (règlement (UE) 2016/679) : <a href={`mailto:${contact}`}>{contact}</a>.
      </p>
      <h2>Réclamation</h2>
      <p>
        Vous pouvez adresser une réclamation à la Commission nationale de l'informatique et des libertés (CNIL),{" "}
        <a href="https://www.cnil.fr/">www.cnil.fr</a>.
      </p>
    </>
  );
}

function English() {
  return (
    <>
      <h1>Privacy</h1>
      <p>
        The public pages of this website set no cookie and use no audience measurement service and no third-party content. The
        server keeps technical logs (IP address, page requested, date) for its security, for 30 days at most.
      </p>
      <h2>Data controller</h2>
      <p>
        Cités Unies France. For any question, and to exercise your rights of access, rectification, erasure, restriction and
        objection (Regulation (EU) 2016/679): <a href={`mailto:${contact}`}>{contact}</a>.
      </p>
      <h2>Complaints</h2>
      <p>
        You may lodge a complaint with the French data protection authority (CNIL), <a href="https://www.cnil.fr/">www.cnil.fr</a>.
      </p>
    </>
  );
}

export default function Privacy() {
  return useLanguage() === "fr" ? <French /> : <English />;
}
