import type { Route } from "./+types/legal";
import { staticPageLoader } from "~/features/site/static-page";
import { pageTitle } from "~/lib/meta";
import { useLanguage } from "~/lib/use-language";
import { translate } from "~/i18n/translate";

export const loader = staticPageLoader;
export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, translate(page.language, "footer.legal")) }] : [];

const contact = "coop-dec@cites-unies-france.org";

function French() {
  return (
    <>
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>
        Ce site est édité par Cités Unies France, organisatrice des Rencontres de l'action internationale des collectivités
        territoriales. Téléphone&#x202F;: +33 1 53 41 81 81. Courriel&#x202F;: <a href={`mailto:${contact}`}>{contact}</a>.
      </p>
      <h2>Hébergement</h2>
      <p>Le nom et l'adresse de l'hébergeur sont communiqués sur simple demande à l'adresse ci-dessus.</p>
      <h2>Propriété intellectuelle</h2>
      <p>
        Les textes de ce site appartiennent à leurs auteurs. Toute reproduction doit citer sa source. Les noms et logos des
        partenaires restent leur propriété.
      </p>
    </>
  );
}

function English() {
  return (
    <>
      <h1>Legal notice</h1>
      <h2>Publisher</h2>
      <p>
        This website is published by Cités Unies France, organiser of the Rencontres. Phone: +33 1 53 41 81 81. E-mail:{" "}
        <a href={`mailto:${contact}`}>{contact}</a>.
      </p>
      <h2>Hosting</h2>
      <p>The name and address of the host are available on request at the address above.</p>
      <h2>Intellectual property</h2>
      <p>
        The texts on this website belong to their authors; any reproduction must cite its source. Partners' names and logos
        remain their property.
      </p>
    </>
  );
}

export default function Legal() {
  return useLanguage() === "fr" ? <French /> : <English />;
}
