import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "~/db/schema";
import { composeMail } from "~/features/mail/compose";
import { enqueueMail } from "~/features/mail/outbox.server";
import type { Language } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { AppError } from "~/lib/errors";
import { paths } from "~/lib/paths";
import { rateLimitClient } from "./client-address";
import { emailMaxLength } from "./sign-in";
import { countAttempt } from "./rate-limit.server";
import { hashSecret, newSecret } from "./secrets.server";
import { openSignInSession } from "./sign-in-sessions.server";

/** A sign-in link works once, within this time. */
export const signInLinkLifetimeMs = 10 * 60 * 1000;

const rateWindowMs = 15 * 60 * 1000;
const rateKeyPrefix = "sign-in-";
/** Links sent to one address per window: enough for a lost message or two, too few to flood a mailbox. */
export const linksPerAddress = 5;
/** Requests from one network address per window: a shared office connection may hold a few people. */
export const requestsPerClient = 20;

/** An e-mail address as people type it; kept in lower case like `person.email`. */
export const emailAddress = z.string().trim().max(emailMaxLength).toLowerCase().pipe(z.email());

/** A path of this site to come back to after signing in; anything else is dropped. */
export function safeReturnTo(value: string | null | undefined): string | undefined {
  if (!value?.startsWith("/")) return undefined;
  // The URL parser silently drops tabs and newlines and reads "\" as "/": refuse rather than guess.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  const base = new URL("http://site.invalid");
  // "//host:bad" does not even parse.
  const url = URL.canParse(value, base) ? new URL(value, base) : undefined;
  if (url?.origin !== base.origin) return undefined;
  const path = url.pathname + url.search + url.hash;
  // The result is what the browser reads: "/..//x" and "/%2e%2e//x" resolve to "//x", another site.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return undefined;
  return path;
}

export interface SignInLinkRequest {
  email: string;
  /** The language of the page: the e-mail is written in it, and a new person gets it. */
  language: Language;
  returnTo?: string;
  /** Network address of the requester, for the rate limit. */
  clientAddress: string;
  publicUrl: string;
}

/**
 * E-mails a single-use sign-in link, whether or not a person has this address (the person is
 * created when the link is used), so the outcome reveals nothing about who has an account.
 * Too many requests for one address are silently dropped, for the same reason; too many from one
 * network address are refused with `rate_limited`.
 */
export async function requestSignInLink(db: Kysely<DB>, request: SignInLinkRequest, now: Date): Promise<void> {
  const clientAllowed = await countAttempt(
    db,
    { key: `${rateKeyPrefix}client:${rateLimitClient(request.clientAddress)}`, limit: requestsPerClient, windowMs: rateWindowMs },
    now,
  );
  if (!clientAllowed) throw new AppError("rate_limited", "too many sign-in requests from this client");
  // The address is counted under its hash, so that the table holds no e-mail address in clear.
  const addressAllowed = await countAttempt(
    db,
    { key: `${rateKeyPrefix}address:${hashSecret(request.email)}`, limit: linksPerAddress, windowMs: rateWindowMs },
    now,
  );
  if (!addressAllowed) return;

  const token = newSecret();
  const url = `${request.publicUrl}${paths.signInLink(request.language)}?${new URLSearchParams({ token })}`;
  const t = (key: Parameters<typeof translate>[1]) => translate(request.language, key, { site: translate(request.language, "site.name") });
  const mail = composeMail({
    language: request.language,
    subject: t("accounts.mail.subject"),
    paragraphs: [t("accounts.mail.intro"), t("accounts.mail.validity"), t("accounts.mail.ignore")],
    action: { label: t("accounts.mail.action"), url },
  });
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("sign_in_token")
      .values({
        email: request.email,
        token_hash: hashSecret(token),
        language: request.language,
        return_to: safeReturnTo(request.returnTo) ?? null,
        created_at: now,
        expires_at: new Date(now.getTime() + signInLinkLifetimeMs),
      })
      .execute();
    await enqueueMail(trx, { to: request.email, language: request.language, ...mail });
  });
}

/**
 * Uses a sign-in link: marks its token used (once only, and only before it expires), finds or
 * creates the person of its address, and opens a session. Undefined when the link cannot be used.
 */
export async function signInWithLink(
  db: Kysely<DB>,
  token: string,
  now: Date,
): Promise<{ sessionToken: string; personId: number; returnTo: string | undefined } | undefined> {
  return db.transaction().execute(async (trx) => {
    // One statement both checks and spends the token, so two clicks cannot both succeed.
    const link = await trx
      .updateTable("sign_in_token")
      .set({ used_at: now })
      .where("token_hash", "=", hashSecret(token))
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .returning(["email", "language", "return_to"])
      .executeTakeFirst();
    if (!link) return undefined;
    const personId = await findOrCreatePerson(trx, link.email, link.language, now);
    const { token: sessionToken } = await openSignInSession(trx, personId, now);
    return { sessionToken, personId, returnTo: link.return_to ?? undefined };
  });
}

/** Why a sign-in link does or does not work, with what it was asked for (to ask for a new one). */
export type SignInLinkState =
  | { state: "usable" | "expired" | "used"; email: string; returnTo: string | undefined }
  | { state: "unknown" };

/**
 * What a sign-in link is, without spending it: the page it opens says at once that it expired or
 * was used, and offers a new one for the same address and return path. A link purged since
 * (see purge.server.ts) is unknown, like one mistyped.
 */
export async function signInLinkState(db: Kysely<DB>, token: string, now: Date): Promise<SignInLinkState> {
  const link = await db
    .selectFrom("sign_in_token")
    .where("token_hash", "=", hashSecret(token))
    .select(["email", "return_to", "used_at", "expires_at"])
    .executeTakeFirst();
  if (!link) return { state: "unknown" };
  const state = link.used_at !== null ? "used" : link.expires_at <= now ? "expired" : "usable";
  return { state, email: link.email, returnTo: link.return_to ?? undefined };
}

async function findOrCreatePerson(db: Kysely<DB>, email: string, language: Language, now: Date): Promise<number> {
  const inserted = await db
    .insertInto("person")
    .values({ email, language, created_at: now })
    // Another sign-in may have created the person meanwhile: then use theirs.
    .onConflict((conflict) => conflict.column("email").where("anonymised_at", "is", null).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const existing = await db
    .selectFrom("person")
    .select("id")
    .where("email", "=", email)
    .where("anonymised_at", "is", null)
    .executeTakeFirstOrThrow();
  return existing.id;
}
