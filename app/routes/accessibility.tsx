import type { Route } from "./+types/accessibility";
import { staticPageLoader } from "~/features/site/static-page";
import { pageTitle } from "~/lib/meta";
import { useLanguage } from "~/lib/use-language";
import { translate } from "~/i18n/translate";

export const loader = staticPageLoader;
export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, translate(page.language, "footer.accessibility")) }] : [];

const contact = "coop-dec@cites-unies-france.org";

function French() {
  return (
    <>
      <h1>Déclaration d'accessibilité</h1>
      <p>
        Cités Unies France s'engage à rendre ce site accessible conformément à l'article 47 de la loi n° 2005-102 du 11 février
        2005. Cette déclaration s'applique au site des Rencontres de l'action internationale des collectivités territoriales.
      </p>
      <h2>État de conformité</h2>
      <p>
        Le site n'a pas encore fait l'objet d'un audit de conformité au référentiel général d'amélioration de l'accessibilité
        (RGAA 4.1). Il est donc <strong>non conforme</strong> au sens du RGAA tant que cet audit n'a pas eu lieu.
      </p>
      <p>
        Il est pourtant conçu pour l'être&#x202F;: HTML sémantique, navigation complète au clavier, lien d'évitement, contrastes
        suffisants, pages lisibles sur téléphone et sans JavaScript. Chaque version du site est vérifiée automatiquement avec
        axe-core sur toutes les pages publiques, en français et en anglais.
      </p>
      <h2>Retour d'information et contact</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez-nous à <a href={`mailto:${contact}`}>{contact}</a>{" "}
       &#x202F;: nous vous répondrons et vous fournirons l'information sous une autre forme.
      </p>
      <h2>Voies de recours</h2>
      <p>
        Si vous nous avez signalé un défaut d'accessibilité sans obtenir de réponse satisfaisante, vous pouvez écrire au
        Défenseur des droits (<a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a>), contacter son délégué
        dans votre région ou lui écrire gratuitement&#x202F;: Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.
      </p>
    </>
  );
}

function English() {
  return (
    <>
      <h1>Accessibility statement</h1>
      <p>
        Cités Unies France is committed to making this website accessible, in accordance with article 47 of French law
        no. 2005-102 of 11 February 2005. This statement covers the website of the Rencontres.
      </p>
      <h2>Compliance status</h2>
      <p>
        The website has not yet been audited against the French accessibility framework (RGAA 4.1, based on WCAG 2.1 AA). Until
        it is, it is <strong>not compliant</strong> in the sense of the RGAA.
      </p>
      <p>
        It is nevertheless built to comply: semantic HTML, full keyboard navigation, a skip link, sufficient contrast, pages
        readable on a phone and without JavaScript. Every release is checked automatically with axe-core on every public page,
        in French and English.
      </p>
      <h2>Feedback and contact</h2>
      <p>
        If you cannot access some content or service, write to <a href={`mailto:${contact}`}>{contact}</a>: we will answer and
        provide the information in another form.
      </p>
      <h2>Remedies</h2>
      <p>
        If you reported an accessibility problem and did not get a satisfactory answer, you may contact the French Defender of
        Rights (<a href="https://formulaire.defenseurdesdroits.fr/">online form</a>) or write free of charge to: Défenseur des
        droits, Libre réponse 71120, 75342 Paris CEDEX 07, France.
      </p>
    </>
  );
}

export default function Accessibility() {
  return useLanguage() === "fr" ? <French /> : <English />;
}
