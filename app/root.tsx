import type { ReactNode } from "react";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  useLocation,
  useMatches,
  useParams,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { isLanguage, languages, preferredLanguage, type Language } from "./i18n/languages";
import { catalogues, translator, type MessageKey } from "./i18n/translate";
import { paths, segments, translatePath } from "./lib/paths";
import { useLanguage, useTranslate } from "./lib/use-language";
import stylesheet from "./styles.css?url";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const prefix = url.pathname.split("/")[1];
  const language = isLanguage(prefix) ? prefix : preferredLanguage(request.headers.get("accept-language"));
  const years = await context.publishedYears().catch((): number[] => []);
  return { language, currentYear: years[0], years, publicUrl: context.env.PUBLIC_URL };
}

/** Routes that need client code say so in their handle; every other page ships no JavaScript. */
export interface RouteHandle {
  hydrate?: boolean;
  /** A page with a form whose typed input the language switch does not carry (see LanguageSwitch). */
  form?: boolean;
}

/**
 * The switch is a plain link to the same page in the other language. On a form page, what was
 * typed is not carried over: a link cannot carry it without JavaScript, and making the switch
 * submit the form would send an unfinished form. So the page says so beside the switch, before
 * anyone loses anything.
 */
function LanguageSwitch() {
  const language = useLanguage();
  const { pathname, search } = useLocation();
  // An error page (a year with no edition) has no counterpart: its switch leads to the home page.
  const failed = Boolean(useRouteError());
  const matches = useMatches();
  const t = translator(language);
  const formPage = matches.some((match) => (match.handle as RouteHandle | undefined)?.form);
  return (
    <>
      <ul className="language-switch" aria-label={t("nav.languages")}>
        {languages.map((other) =>
          other === language ? (
            <li key={other}>
              <span aria-current="true" lang={other}>
                {translator(other)("language.name")}
              </span>
            </li>
          ) : (
            <li key={other}>
              <a
                href={failed ? paths.home(other) : translatePath(pathname, other) + search}
                hrefLang={other}
                lang={other}
                aria-describedby={formPage ? "language-switch-note" : undefined}
              >
                {translator(other)("language.name")}
              </a>
            </li>
          ),
        )}
      </ul>
      {formPage && (
        <p className="language-switch__note" id="language-switch-note">
          {t("form.languageSwitchNote")}
        </p>
      )}
    </>
  );
}

type Section = "edition" | "programme" | "practical" | "partners" | "archive" | "space";

/**
 * The section of the menu (whose edition links are for `year`) a path belongs to: a session is
 * part of the programme, sign-in and registration of the space.
 */
function sectionOf(pathname: string, year: number | undefined): Section | undefined {
  const [, language = "", first, second] = pathname.split("/");
  if (!isLanguage(language)) return undefined;
  const is = (name: keyof typeof segments, part: string | undefined) => part === segments[name][language];
  if (first === undefined || first === "") return year === undefined ? undefined : "edition";
  if (is("archive", first)) return "archive";
  if (is("space", first) || is("signIn", first) || is("signOut", first)) return "space";
  if (first !== String(year)) return undefined;
  if (second === undefined) return "edition";
  if (second === "programme" || second.startsWith("programme.") || is("sessions", second)) return "programme";
  if (is("practical", second)) return "practical";
  if (is("partners", second)) return "partners";
  if (is("register", second) || is("invitation", second)) return "space";
  return undefined;
}

function SiteHeader({ year }: { year: number | undefined }) {
  const language = useLanguage();
  const t = useTranslate();
  const section = sectionOf(useLocation().pathname, year);
  const current = (name: Section) => (name === section ? ("page" as const) : undefined);
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <Link to={paths.home(language)} className="site-name">
          {t("site.name")}
        </Link>
        <LanguageSwitch />
      </div>
      <nav aria-label={t("nav.main")}>
        <ul className="main-nav">
          {year !== undefined && (
            <>
              <li>
                <Link to={paths.edition(language, year)} aria-current={current("edition")}>
                  {t("nav.edition", { year })}
                </Link>
              </li>
              <li>
                <Link to={paths.programme(language, year)} aria-current={current("programme")}>
                  {t("nav.programme")}
                </Link>
              </li>
              <li>
                <Link to={paths.practical(language, year)} aria-current={current("practical")}>
                  {t("nav.practical")}
                </Link>
              </li>
              <li>
                <Link to={paths.partners(language, year)} aria-current={current("partners")}>
                  {t("nav.partners")}
                </Link>
              </li>
            </>
          )}
          <li>
            <Link to={paths.archive(language)} aria-current={current("archive")}>
              {t("nav.archive")}
            </Link>
          </li>
          {/* The same for everyone, signed in or not: cached public pages carry this header too. */}
          <li>
            <Link to={paths.space(language)} aria-current={current("space")}>
              {t("accounts.mySpace")}
            </Link>
          </li>
        </ul>
      </nav>
    </header>
  );
}

function SiteFooter() {
  const language = useLanguage();
  const t = useTranslate();
  return (
    <footer className="site-footer">
      <nav aria-label={t("nav.footer")}>
        <ul>
          <li>
            <Link to={paths.accessibility(language)}>{t("footer.accessibility")}</Link>
          </li>
          <li>
            <Link to={paths.legal(language)}>{t("footer.legal")}</Link>
          </li>
          <li>
            <Link to={paths.privacy(language)}>{t("footer.privacy")}</Link>
          </li>
        </ul>
      </nav>
      <p>{t("footer.organiser")}</p>
    </footer>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const language = useLanguage();
  const params = useParams();
  const { pathname, search } = useLocation();
  const matches = useMatches();
  const t = translator(language);
  // The menu of a year that has no edition (a 404 page) leads to the current edition instead.
  const viewedYear = params.year && root?.years.includes(Number(params.year)) ? Number(params.year) : undefined;
  const hydrate = matches.some((match) => (match.handle as RouteHandle | undefined)?.hydrate);
  const origin = root?.publicUrl ?? "";
  const localised = isLanguage(pathname.split("/")[1]);
  return (
    <html lang={language} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {localised &&
          languages.map((other) => (
            <link key={other} rel="alternate" hrefLang={other} href={origin + translatePath(pathname, other) + search} />
          ))}
        {localised && <link rel="alternate" hrefLang="x-default" href={`${origin}/`} />}
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#content">
          {t("nav.skip")}
        </a>
        <SiteHeader year={viewedYear ?? root?.currentYear} />
        <main id="content" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
        {hydrate && <Scripts />}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const language: Language = useLanguage();
  const t = translator(language);
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kinds: Record<number, "notFound" | "badRequest" | "forbidden" | "refused" | "rateLimited"> = {
    400: "badRequest",
    403: "forbidden",
    404: "notFound",
    409: "refused",
    422: "refused",
    429: "rateLimited",
  };
  const kind = kinds[status] ?? "serverError";
  // A coded refusal (handleErrors) says why in its own words; other errors by their status.
  const message = isRouteErrorResponse(error) ? (error.data as { message?: unknown } | null)?.message : undefined;
  const text: MessageKey = typeof message === "string" && message in catalogues[language] ? (message as MessageKey) : `error.${kind}.text`;
  return (
    <div className="error-page">
      <title>{`${t(`error.${kind}.title`)} – ${t("site.name")}`}</title>
      <h1>{t(`error.${kind}.title`)}</h1>
      <p>{t(text)}</p>
      <p>
        <Link to={paths.home(language)}>{t("error.backHome")}</Link>
      </p>
    </div>
  );
}
