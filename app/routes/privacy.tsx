import { data, Link } from "react-router";
import type { Route } from "./+types/privacy";
import { currentEditionYear, getEdition } from "~/features/editions/editions.server";
import { handleErrors, publicPageHeaders, routeLanguage } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { paths } from "~/lib/paths";
import { useLanguage } from "~/lib/use-language";
import { translate } from "~/i18n/translate";

/** The organiser's address, when no edition is published yet to name its own contact. */
const organiserContact = "coop-dec@cites-unies-france.org";

export async function loader({ request, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    // Questions about personal data go to the current edition's contact, who handles registrations.
    const edition = await currentEditionYear(context.db)
      .then((year) => getEdition(context.db, year))
      .catch(() => undefined);
    const contact = edition?.contacts.find((entry) => entry.email)?.email ?? organiserContact;
    // Each edition sets its own periods (back office, retention): the notice says the current one's.
    const retention = edition && { year: edition.year, days: edition.retention_days, healthDays: edition.health_retention_days };
    return data({ language, contact, retention }, { headers: publicPageHeaders() });
  });
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, translate(page.language, "footer.privacy")) }] : [];

/** The periods of the current edition, counted from the end of its last day; none before one is published. */
interface Retention {
  year: number;
  days: number;
  healthDays: number;
}

function French({ contact, retention }: { contact: string; retention: Retention | undefined }) {
  const mail = <a href={`mailto:${contact}`}>{contact}</a>;
  return (
    <>
      <h1>Données personnelles</h1>
      <p>
        Cette page dit quelles données le site recueille, pourquoi, qui les voit, combien de temps elles sont gardées et
        comment exercer vos droits (règlement (UE) 2016/679, dit RGPD).
      </p>

      <h2>Responsable du traitement</h2>
      <p>Cités Unies France, qui organise les Rencontres. Pour toute question sur vos données&#x202F;: {mail}.</p>

      <h2>Consultation du site</h2>
      <p>
        Les pages publiques ne déposent aucun cookie et ne font appel à aucun service de mesure d&apos;audience ni à aucun
        contenu tiers. Le serveur garde des journaux techniques (adresse IP, page demandée, date) pour sa sécurité, pendant
        30&#xA0;jours au plus. Quand vous vous connectez, un cookie de session vous garde connecté·e&#x202F;: il sert 30&#xA0;jours
        sans visite, 90&#xA0;jours au plus, et disparaît à la déconnexion.
      </p>

      <h2>Inscription</h2>
      <p>
        Pour vous inscrire, nous recueillons votre nom, votre fonction, votre courriel, votre téléphone si vous le donnez,
        les langues que vous parlez, votre organisation et son pays, vos réponses aux questions de l&apos;édition et vos
        consentements (avec le texte exact que vous avez accepté et sa date). Ces données servent à organiser votre venue,
        vos places en atelier et votre badge, et à vous écrire au sujet de l&apos;édition. Base légale&#x202F;: les mesures
        préalables à votre participation, que vous demandez en vous inscrivant. Elles sont vues par l&apos;équipe
        d&apos;organisation et, si vous faites partie d&apos;une délégation, la personne qui l&apos;a constituée voit votre
        nom, votre courriel et l&apos;état de votre inscription, et peut l&apos;annuler. Les autres participant·es ne voient votre nom, votre organisation et votre
        courriel que si vous l&apos;avez accepté.
      </p>

      <h2>Données de santé</h2>
      <p>
        Les questions sur un handicap ou votre santé (accès, assistance, régime alimentaire…) ne sont posées que si vous
        cochez le consentement prévu à cet effet&#x202F;: c&apos;est votre consentement explicite (article 9 du RGPD). Vos
        réponses ne sont lues que par l&apos;équipe d&apos;organisation chargée de l&apos;accueil, pour le seul besoin de
        vous accueillir, et ne sont jamais communiquées à d&apos;autres participant·es, ni à la personne qui vous a invité·e.
        Elles sont effacées après l&apos;événement, et dès que vous supprimez votre compte. Vous pouvez retirer ce
        consentement à tout moment en modifiant votre inscription ou en nous écrivant.
      </p>

      <h2>Durées de conservation</h2>
      <ul>
        <li>Liens de connexion&#x202F;: valables 10&#xA0;minutes, effacés un jour après leur expiration (la page qu&apos;ouvre un lien périmé peut ainsi le dire et en proposer un nouveau).</li>
        <li>Courriels envoyés par le site&#x202F;: 30&#xA0;jours.</li>
        <li>Compteurs anti-abus (une empreinte de votre adresse, jamais l&apos;adresse elle-même)&#x202F;: un jour.</li>
        <li>
          Réponses aux questions de santé&#x202F;: effacées{" "}
          {retention
            ? retention.healthDays === 0
              ? `à la fin du dernier jour de l'édition ${retention.year}`
              : `${retention.healthDays}\u00a0jours après la fin du dernier jour de l'édition ${retention.year}`
            : "après la fin du dernier jour de l'édition, au terme de la durée qu'elle fixe"}
          , à l&apos;heure du lieu où elle se tient (le consentement, avec son texte, est gardé comme preuve).
        </li>
        <li>
          Inscriptions&#x202F;: rendues anonymes (sans nom ni coordonnées, réponses et consentements effacés){" "}
          {retention
            ? `${retention.days}\u00a0jours après la fin du dernier jour de l'édition ${retention.year}`
            : "au terme de la durée que fixe chaque édition après son dernier jour"}
          , puis elles ne servent plus qu&apos;aux statistiques de fréquentation. Elles le deviennent plus tôt si vous supprimez
          votre compte, qui dure sinon tant que vous le gardez.
        </li>
      </ul>

      <h2>Vos droits</h2>
      <p>
        Vous pouvez accéder à vos données, les faire rectifier ou effacer, les recevoir dans un format réutilisable
        (portabilité), demander la limitation de leur traitement ou vous y opposer. Une fois connecté·e, dans{" "}
        <Link to={paths.space("fr")}>votre espace</Link>&#x202F;:
      </p>
      <ul>
        <li>
          <a href={paths.personalData("fr")}>téléchargez toutes vos données</a> (fichier JSON)&#x202F;: accès et portabilité&#x202F;;
        </li>
        <li>modifiez votre inscription&#x202F;: rectification&#x202F;;</li>
        <li>supprimez votre compte&#x202F;: effacement.</li>
      </ul>
      <p>Pour toute autre demande, écrivez à {mail}&#x202F;: nous répondons dans un délai d&apos;un mois.</p>

      <h2>Réclamation</h2>
      <p>
        Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission
        nationale de l&apos;informatique et des libertés (CNIL), <a href="https://www.cnil.fr/fr/plaintes">www.cnil.fr/fr/plaintes</a>.
      </p>
    </>
  );
}

function English({ contact, retention }: { contact: string; retention: Retention | undefined }) {
  const mail = <a href={`mailto:${contact}`}>{contact}</a>;
  return (
    <>
      <h1>Privacy</h1>
      <p>
        This page says what data the website collects, why, who sees it, how long it is kept and how to exercise your rights
        (Regulation (EU) 2016/679, the GDPR).
      </p>

      <h2>Data controller</h2>
      <p>Cités Unies France, which organises the Rencontres. For any question about your data: {mail}.</p>

      <h2>Browsing the website</h2>
      <p>
        The public pages set no cookie and use no audience measurement service and no third-party content. The server keeps
        technical logs (IP address, page requested, date) for its security, for 30 days at most. When you sign in, a session
        cookie keeps you signed in: it lasts 30 days without a visit, 90 days at most, and goes when you sign out.
      </p>

      <h2>Registration</h2>
      <p>
        To register you, we collect your name, title, e-mail, phone number if you give it, the languages you speak, your
        organisation and its country, your answers to the edition&apos;s questions and your consents (with the exact text you
        accepted and its date). They are used to organise your visit, your workshop seats and your badge, and to write to you
        about the edition. Legal basis: the steps you ask for by registering, before taking part. The organising team sees
        them; if you belong to a delegation, the person who formed it sees your name, e-mail and the status of your registration, and may cancel it.
        Other participants see your name, organisation and e-mail only if you agreed to it.
      </p>

      <h2>Health data</h2>
      <p>
        Questions about a disability or your health (access, assistance, diet…) are asked only if you tick the consent for
        them: this is your explicit consent (GDPR, Article 9). Only the organising team in charge of welcoming participants
        reads your answers, for the sole purpose of welcoming you; they are never shown to other participants, nor to the
        person who invited you. They are deleted after the event, and as soon as you delete your account. You may withdraw
        this consent at any time by editing your registration or by writing to us.
      </p>

      <h2>How long data is kept</h2>
      <ul>
        <li>Sign-in links: valid for 10 minutes, deleted a day after they expire (so that the page a late link opens can say so and offer a new one).</li>
        <li>E-mails sent by the website: 30 days.</li>
        <li>Abuse counters (a fingerprint of your address, never the address itself): one day.</li>
        <li>
          Answers to health questions: erased{" "}
          {retention
            ? retention.healthDays === 0
              ? `at the end of the last day of the ${retention.year} edition`
              : `${retention.healthDays} days after the end of the last day of the ${retention.year} edition`
            : "after the end of the edition's last day, once the period it sets is over"}
          , in the time of the place where it is held (the consent, with its text, is kept as proof).
        </li>
        <li>
          Registrations: made anonymous (no name, no contact details, answers and consents erased){" "}
          {retention ? `${retention.days} days after the end of the last day of the ${retention.year} edition` : "once the period each edition sets after its last day is over"}
          , then they serve only for attendance statistics. This happens sooner if you delete your account, which otherwise
          lasts as long as you keep it.
        </li>
      </ul>

      <h2>Your rights</h2>
      <p>
        You may access your data, have it corrected or erased, receive it in a reusable format (portability), ask for its
        processing to be restricted or object to it. Once signed in, in <Link to={paths.space("en")}>your space</Link>:
      </p>
      <ul>
        <li>
          <a href={paths.personalData("en")}>download all your data</a> (a JSON file): access and portability;
        </li>
        <li>edit your registration: rectification;</li>
        <li>delete your account: erasure.</li>
      </ul>
      <p>For anything else, write to {mail}: we answer within one month.</p>

      <h2>Complaints</h2>
      <p>
        If you think your rights are not respected, you may lodge a complaint with the French data protection authority
        (CNIL), <a href="https://www.cnil.fr/en/home">www.cnil.fr</a>.
      </p>
    </>
  );
}

export default function Privacy({ loaderData }: Route.ComponentProps) {
  const { contact, retention } = loaderData;
  return useLanguage() === "fr" ? <French contact={contact} retention={retention} /> : <English contact={contact} retention={retention} />;
}
