import { data, Link, redirect } from "react-router";
import { CafesLinks } from "~/features/cafes/components/cafes-links";
import { MeetingsLinks } from "~/features/meetings/components/meetings-links";
import { z } from "zod";
import type { Route } from "./+types/space";
import { clearedSessionCookie, requirePerson, verifyCsrf } from "~/features/accounts/auth.server";
import { SignOutForms } from "~/features/accounts/sign-out-forms";
import { calendarFeedOf, createCalendarFeed, revokeCalendarFeeds } from "~/features/registration/calendar-feed.server";
import { Agenda } from "~/features/registration/components/agenda";
import { CalendarFeed, type CalendarFeedView } from "~/features/registration/components/calendar-feed";
import { DelegationList } from "~/features/registration/components/delegation-list";
import { PendingInvitations } from "~/features/registration/components/pending-invitations";
import { PersonalData } from "~/features/registration/components/personal-data";
import { CancelRegistration, RegistrationSummary } from "~/features/registration/components/registration-summary";
import { WishRoundForm } from "~/features/registration/components/wish-round-form";
import { WorkshopList } from "~/features/registration/components/workshop-list";
import { deleteAccount } from "~/features/registration/personal-data.server";
import { cancelRegistration } from "~/features/registration/registration.server";
import { cancelSignup, signUp } from "~/features/registration/signups.server";
import { personalSpace, type PersonalSpace } from "~/features/registration/space.server";
import { submitWishes } from "~/features/registration/wishes.server";
import { rankedSessionIds } from "~/features/registration/wishes";
import type { Language } from "~/i18n/languages";
import { possessiveName } from "~/i18n/names";
import { translate, type MessageKey } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { handleActionErrors, handleErrors, parseId, routeLanguage } from "~/lib/http.server";
import { localisedString } from "~/lib/localised";
import { pageTitle } from "~/lib/meta";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };

// A successful action answers with a 303 to the space (Post/Redirect/Get): the seat is decided
// and committed in a few queries, and the page is then fetched by a GET that says what was done
// with `?done=`, one of these notices (anything else is ignored).
const notices = {
  seat: "space.done.seat",
  waitlisted: "space.done.waitlisted",
  "signup-cancelled": "space.done.signupCancelled",
  "registration-cancelled": "space.done.registrationCancelled",
  "member-cancelled": "space.done.memberCancelled",
  wishes: "space.done.wishes",
  "feed-revoked": "space.done.feedRevoked",
  feed: "space.done.feed",
  // After the registration form (register.tsx): the summary below is the confirmation.
  registered: "space.done.registered",
  updated: "space.done.updated",
} as const;
type Notice = keyof typeof notices;
const noticeParam = z.enum(Object.keys(notices) as [Notice, ...Notice[]]);

/**
 * The notice of `?done=`. A seat names its workshop (`&session=`) and a colleague's cancellation
 * its colleague (`&registration=`), found among what the person's own space shows: an id from
 * anyone else's edition or delegation names nothing.
 */
function noticeOf(request: Request, space: PersonalSpace, language: Language): { key: MessageKey; values?: Record<string, string> } | undefined {
  const search = new URL(request.url).searchParams;
  const parsed = noticeParam.safeParse(search.get("done"));
  if (!parsed.success) return undefined;
  const idOf = (name: string) => {
    const id = z.coerce.number().int().positive().safeParse(search.get(name));
    return id.success ? id.data : undefined;
  };
  switch (parsed.data) {
    case "seat":
    case "waitlisted": {
      const sessionId = idOf("session");
      const session = space.registrations.flatMap((registration) => registration.workshops).find((workshop) => workshop.id === sessionId);
      if (!session) return { key: notices[parsed.data] };
      return { key: parsed.data === "seat" ? "space.done.seatAt" : "space.done.waitlistedAt", values: { session: localisedString(session.title, language) } };
    }
    case "member-cancelled": {
      const registrationId = idOf("registration");
      const member = space.registrations.flatMap((registration) => registration.delegation).find((colleague) => colleague.id === registrationId);
      return member && { key: notices[parsed.data], values: { owner: possessiveName(language, `${member.given_name} ${member.family_name}`) } };
    }
    default:
      return { key: notices[parsed.data] };
  }
}

/**
 * The person's feed with the links that subscribe calendars to it. Rendered in their space only,
 * which no cache keeps (personalHeaders): the address is theirs alone.
 */
async function calendarFeedView(context: Route.LoaderArgs["context"], personId: number, language: Language): Promise<CalendarFeedView> {
  const feed = await calendarFeedOf(context.db, personId, context.env.SECRET_KEY);
  if (feed.state !== "open") return feed;
  const url = context.env.PUBLIC_URL + paths.calendarFeed(feed.token);
  const webcal = url.replace(/^https?:/, "webcal:");
  const name = translate(language, "site.name");
  return {
    state: "open",
    url,
    webcal,
    google: `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(url)}&name=${encodeURIComponent(name)}`,
  };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const [space, feed] = await Promise.all([personalSpace(context.db, person, context.now()), calendarFeedView(context, person.personId, language)]);
    return data({ language, email: person.email, csrfToken: person.csrfToken, notice: noticeOf(request, space, language), feed, ...space }, { headers: personalHeaders });
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, context } = args;
  return handleActionErrors(async () => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    const publicUrl = context.env.PUBLIC_URL;
    const id = (name: string) => parseId(String(form.get(name) ?? ""));
    const done = (notice: Notice, about: Record<string, string> = {}, section?: string) =>
      redirect(`${paths.space(language)}?${new URLSearchParams({ done: notice, ...about })}${section ? `#${section}` : ""}`, { status: 303, headers: personalHeaders });
    const confirmed = () => {
      if (form.get("confirm") !== "yes") throw new AppError("confirmation_required");
    };
    switch (form.get("intent")) {
      case "sign_up": {
        const sessionId = id("session");
        const status = await signUp(context.db, { registrationId: id("registration"), sessionId, personId: person.personId, now, publicUrl });
        throw done(status === "confirmed" ? "seat" : "waitlisted", { session: String(sessionId) });
      }
      case "cancel_signup":
        await cancelSignup(context.db, { registrationId: id("registration"), sessionId: id("session"), personId: person.personId, now, publicUrl });
        throw done("signup-cancelled");
      case "cancel_registration":
        confirmed();
        await cancelRegistration(context.db, { registrationId: id("registration"), personId: person.personId, now, publicUrl });
        throw done("registration-cancelled");
      case "cancel_member": {
        // A lead cancels a colleague's registration: the notice names the colleague.
        confirmed();
        const registrationId = id("registration");
        await cancelRegistration(context.db, { registrationId, personId: person.personId, now, publicUrl });
        throw done("member-cancelled", { registration: String(registrationId) });
      }
      case "wishes": {
        // rank_<session id> = 1, 2, 3…; left empty, the session is not wished for.
        const ranks = [...form.entries()]
          .filter(([name, value]) => name.startsWith("rank_") && value !== "")
          .map(([name, value]) => ({ sessionId: parseId(name.slice(5)), rank: Number(value) }));
        const sessionIds = rankedSessionIds(ranks);
        await submitWishes(context.db, { registrationId: id("registration"), personId: person.personId, roundId: id("round"), sessionIds, now });
        throw done("wishes");
      }
      case "replace_feed":
        // Calendars subscribed to the current address lose it: asked first.
        confirmed();
        await createCalendarFeed(context.db, person.personId, now, context.env.SECRET_KEY);
        throw done("feed", {}, "calendar");
      case "create_feed":
        // The address is shown by the space's feed section, never put in a URL.
        await createCalendarFeed(context.db, person.personId, now, context.env.SECRET_KEY);
        throw done("feed", {}, "calendar");
      case "revoke_feed":
        await revokeCalendarFeeds(context.db, person.personId, now);
        throw done("feed-revoked");
      case "delete_account":
        confirmed();
        await deleteAccount(context.db, { personId: person.personId, now, publicUrl });
        throw redirect(paths.home(language), { headers: { "Set-Cookie": clearedSessionCookie(context.env) } });
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) => (page ? [{ title: pageTitle(page.language, translate(page.language, "accounts.mySpace")) }] : []);

export default function Space({ loaderData, actionData }: Route.ComponentProps) {
  const { email, csrfToken, registrations, currentYear, canRegister, feed } = loaderData;
  // After a refusal the action's answer speaks, not the notice of an earlier success still in
  // the URL the form posted to.
  const notice = actionData ? undefined : loaderData.notice;
  const language = useLanguage();
  const t = useTranslate();
  return (
    <>
      <h1>{t("accounts.mySpace")}</h1>
      <p>
        {t("accounts.account.signedInAs", { email })} <a href="#account">{t("space.account")}</a>
      </p>
      <ErrorNotice error={actionError(actionData)} />
      {notice && (
        <div className="notice notice--open" role="status">
          <p>{t(notice.key, notice.values)}</p>
        </div>
      )}
      {canRegister && (
        <p>
          <Link className="button" to={paths.register(language, currentYear)}>
            {t("registration.form.title", { year: currentYear })}
          </Link>
        </p>
      )}
      {registrations.length === 0 && <p>{t("space.none")}</p>}
      {registrations.map((registration) => (
        <section key={registration.id} aria-labelledby={`registration-${registration.id}`}>
          <RegistrationSummary registration={registration} />
          <DelegationList registration={registration} csrfToken={csrfToken} />
          <PendingInvitations invitations={registration.invitations} year={registration.year} timeZone={registration.timeZone} csrfToken={csrfToken} headingLevel={3} />
          <WorkshopList registration={registration} csrfToken={csrfToken} />
          <MeetingsLinks registration={registration} />
          <CafesLinks registration={registration} />
          {registration.wishRounds.map((round) => (
            <WishRoundForm key={round.id} registration={registration} round={round} csrfToken={csrfToken} />
          ))}
          <Agenda registration={registration} />
          <CancelRegistration registration={registration} csrfToken={csrfToken} />
        </section>
      ))}
      <CalendarFeed feed={feed} csrfToken={csrfToken} />
      <PersonalData csrfToken={csrfToken} />
      <section aria-labelledby="account">
        <h2 id="account" tabIndex={-1}>
          {t("space.account")}
        </h2>
        <SignOutForms csrfToken={csrfToken} />
      </section>
    </>
  );
}
