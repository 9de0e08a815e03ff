import { redirect, type AppLoadContext } from "react-router";
import { isLanguage, preferredLanguage } from "~/i18n/languages";
import { AppError } from "~/lib/errors";
import { paths } from "~/lib/paths";
import { csrfFieldName } from "./csrf-field";
import { secretsMatch } from "./secrets.server";
import { findSignInSession, type SignedInPerson } from "./sign-in-sessions.server";

export type { SignedInPerson } from "./sign-in-sessions.server";

/** What the helpers of this module need from a loader's or action's context. */
export type AuthContext = Pick<AppLoadContext, "db" | "now"> & { env: Pick<AppLoadContext["env"], "PUBLIC_URL"> };

// Browsers keep a cookie at most 400 days; the session itself ends 30 days after the last visit,
// which the server decides, so the cookie does not need to be set again at every visit.
const cookieMaxAgeSeconds = 400 * 24 * 60 * 60;
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * The session cookie: `__Host-` prefixed and Secure on https, so that no subdomain or plain-http
 * page can set or read it; on plain http (a local run) browsers refuse both, so it goes without.
 */
function cookieName(env: AuthContext["env"]): { name: string; secure: boolean } {
  const secure = new URL(env.PUBLIC_URL).protocol === "https:";
  return { name: secure ? "__Host-rencontres_session" : "rencontres_session", secure };
}

/** The Set-Cookie header value that keeps a new session's token in the browser. */
export function sessionCookie(env: AuthContext["env"], token: string): string {
  const { name, secure } = cookieName(env);
  return `${name}=${token}; Path=/; Max-Age=${cookieMaxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The Set-Cookie header value that removes the session cookie. */
export function clearedSessionCookie(env: AuthContext["env"]): string {
  const { name, secure } = cookieName(env);
  return `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The session token the request carries, if it has a well-formed one. */
export function sessionToken(request: Request, env: AuthContext["env"]): string | undefined {
  const { name } = cookieName(env);
  for (const pair of (request.headers.get("Cookie") ?? "").split(";")) {
    const separator = pair.indexOf("=");
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    const value = pair.slice(separator + 1).trim();
    return tokenPattern.test(value) ? value : undefined;
  }
  return undefined;
}

/** The signed-in person, or null. Pages that call it are personal: they must not be cached. */
export async function optionalPerson(request: Request, context: AuthContext): Promise<SignedInPerson | null> {
  const token = sessionToken(request, context.env);
  if (!token) return null;
  return (await findSignInSession(context.db, token, context.now())) ?? null;
}

/** The signed-in person; anyone else is sent to the sign-in page, and comes back here afterwards. */
export async function requirePerson(request: Request, context: AuthContext): Promise<SignedInPerson> {
  const person = await optionalPerson(request, context);
  if (person) return person;
  const url = new URL(request.url);
  const prefix = url.pathname.split("/")[1];
  const language = isLanguage(prefix) ? prefix : preferredLanguage(request.headers.get("Accept-Language"));
  throw redirect(paths.signIn(language, url.pathname + url.search));
}

/**
 * Whether the browser says the request comes from a page of this site: the site's public address,
 * or the address the request was sent to (another site cannot make a browser send its own origin
 * with our host, and a local or test server may answer at another address than PUBLIC_URL).
 */
function fromThisSite(request: Request, publicUrl: string): boolean {
  const origin = request.headers.get("Origin");
  if (origin !== null) return origin === new URL(publicUrl).origin || origin === new URL(request.url).origin;
  const fetchSite = request.headers.get("Sec-Fetch-Site");
  if (fetchSite !== null) return fetchSite === "same-origin" || fetchSite === "none";
  // Every current browser sends one of the two with a form POST; a client that sends neither is
  // not a browser that another site could drive.
  return true;
}

/**
 * Refuses (`cross_site_form`, `csrf_rejected`) a form POST that another site could have made a browser send: every
 * POST must come from a page of this site (Origin or Sec-Fetch-Site), and a signed-in person's
 * POST must also carry their session's CSRF token (CsrfField). Every action calls it first.
 */
export function verifyCsrf(args: { request: Request; context: AuthContext }, form: FormData, person?: SignedInPerson | null): void {
  if (!fromThisSite(args.request, args.context.env.PUBLIC_URL)) throw new AppError("cross_site_form");
  if (!person) return;
  const sent = form.get(csrfFieldName);
  if (typeof sent !== "string" || !secretsMatch(sent, person.csrfToken)) throw new AppError("csrf_rejected", "missing or wrong CSRF token");
}
