import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/space";
import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { clearedSessionCookie, requirePerson, verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { answerRefusals } from "~/features/accounts/refusal.server";
import { RefusalMessage } from "~/features/accounts/refusal";
import { currentEditionWindow, registrationStatus } from "~/features/editions/editions.server";
import { personalAgenda } from "~/features/registration/agenda.server";
import { createCalendarFeed, hasCalendarFeed, revokeCalendarFeeds } from "~/features/registration/calendar-feed.server";
import { delegationOf } from "~/features/registration/delegation.server";
import { deleteAccount } from "~/features/registration/personal-data.server";
import { cancelRegistration } from "~/features/registration/registration.server";
import { cancelSignup, signUp, signupSessions } from "~/features/registration/signups.server";
import { openWishRounds, submitWishes } from "~/features/registration/wishes.server";
import { translate, type MessageKey } from "~/i18n/translate";
import { AppError } from "~/lib/errors";
import { formatDateTime, formatShortDay, formatTime } from "~/lib/format";
import { handleErrors, parseId, routeLanguage } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };

async function registrationsOf(db: Kysely<DB>, personId: number) {
  return db
    .selectFrom("registration")
    .innerJoin("edition", "edition.id", "registration.edition_id")
    .where("registration.person_id", "=", personId)
    .where("registration.status", "<>", "cancelled")
    .select([
      "registration.id",
      "registration.status",
      "registration.edition_id",
      "registration.given_name",
      "registration.family_name",
      "registration.organisation_name",
      "registration.category",
      "edition.year",
      "edition.time_zone",
      "edition.registration_opens_at",
      "edition.registration_closes_at",
    ])
    .orderBy("edition.number", "desc")
    .execute();
}

export async function loader({ request, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const now = context.now();
    const registrations = await Promise.all(
      (await registrationsOf(context.db, person.personId)).map(async ({ time_zone, registration_opens_at, registration_closes_at, ...registration }) => {
        return {
          ...registration,
          timeZone: time_zone,
          open: registrationStatus({ registration_opens_at, registration_closes_at }, now).state === "open",
          workshops: await signupSessions(context.db, registration.edition_id, registration.id),
          wishRounds: registration.status === "confirmed" ? await openWishRounds(context.db, registration.edition_id, registration.id, now) : [],
          agenda: (await personalAgenda(context.db, registration.id)).map((session) => ({
            id: session.id,
            title: session.title,
            day: session.day,
            starts_at: session.starts_at,
            ends_at: session.ends_at,
          })),
          delegation: (await delegationOf(context.db, person.personId, registration.edition_id)).filter((member) => member.person_id !== person.personId),
        };
      }),
    );
    const current = await currentEditionWindow(context.db);
    const currentYear = current.year;
    return data(
      {
        language,
        email: person.email,
        csrfToken: person.csrfToken,
        registrations,
        currentYear,
        canRegister: registrationStatus(current, now).state === "open" && !registrations.some((r) => r.year === currentYear),
        hasFeed: await hasCalendarFeed(context.db, person.personId),
      },
      { headers: personalHeaders },
    );
  });
}

const outcomes: Partial<Record<AppError["code"], MessageKey>> = {
  conflict: "space.error.conflict",
  invalid_form: "space.error.sameRank",
  not_found: "space.error.notFound",
  registration_closed: "registration.error.closed",
};

export async function action(args: Route.ActionArgs) {
  const { request, context } = args;
  return answerRefusals(async () => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    const publicUrl = context.env.PUBLIC_URL;
    const id = (name: string) => parseId(String(form.get(name) ?? ""));
    try {
      switch (form.get("intent")) {
        case "sign_up": {
          const status = await signUp(context.db, { registrationId: id("registration"), sessionId: id("session"), personId: person.personId, now });
          return { message: status === "confirmed" ? "space.done.seat" : "space.done.waitlisted" } as const;
        }
        case "cancel_signup":
          await cancelSignup(context.db, { registrationId: id("registration"), sessionId: id("session"), personId: person.personId, now, publicUrl });
          return { message: "space.done.signupCancelled" } as const;
        case "cancel_registration":
          if (form.get("confirm") !== "yes") return data({ message: "space.error.confirm" } as const, { status: 422 });
          await cancelRegistration(context.db, { registrationId: id("registration"), personId: person.personId, now, publicUrl });
          return { message: "space.done.registrationCancelled" } as const;
        case "wishes": {
          // rank_<session id> = 1, 2, 3…; left empty, the session is not wished for.
          const ranked = [...form.entries()]
            .filter(([name, value]) => name.startsWith("rank_") && value !== "")
            .map(([name, value]) => ({ sessionId: parseId(name.slice(5)), rank: Number(value) }));
          if (new Set(ranked.map((wish) => wish.rank)).size !== ranked.length) {
            return data({ message: "space.error.sameRank", failed: true } as const, { status: 422 });
          }
          const sessionIds = ranked.sort((a, b) => a.rank - b.rank).map((wish) => wish.sessionId);
          await submitWishes(context.db, { registrationId: id("registration"), personId: person.personId, roundId: id("round"), sessionIds, now });
          return { message: "space.done.wishes" } as const;
        }
        case "create_feed":
          return { message: "space.done.feed", feedUrl: publicUrl + paths.calendarFeed(await createCalendarFeed(context.db, person.personId)) } as const;
        case "revoke_feed":
          await revokeCalendarFeeds(context.db, person.personId, now);
          return { message: "space.done.feedRevoked" } as const;
        case "delete_account":
          if (form.get("confirm") !== "yes") return data({ message: "space.error.confirm" } as const, { status: 422 });
          await deleteAccount(context.db, { personId: person.personId, now, publicUrl });
          throw redirect(paths.home(language), { headers: { "Set-Cookie": clearedSessionCookie(context.env) } });
        default:
          throw new AppError("bad_request", "unknown intent");
      }
    } catch (error) {
      const message = error instanceof AppError ? outcomes[error.code] : undefined;
      if (!message) throw error;
      return data({ message, failed: true }, { status: error instanceof AppError && error.code === "not_found" ? 404 : 409 });
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) => (page ? [{ title: pageTitle(page.language, translate(page.language, "accounts.mySpace")) }] : []);

function Hidden({ values }: { values: Record<string, string | number> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

export default function Space({ loaderData, actionData }: Route.ComponentProps) {
  const { email, csrfToken, registrations, currentYear, canRegister, hasFeed } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const csrf = <CsrfField token={csrfToken} />;
  return (
    <>
      <h1>{t("accounts.mySpace")}</h1>
      <p>
        {t("accounts.account.signedInAs", { email })} <Link to={paths.signIn(language)}>{t("space.account")}</Link>
      </p>
      {actionData && "refusal" in actionData && <RefusalMessage refusal={actionData.refusal} />}
      {actionData && "message" in actionData && (
        <div className={`notice ${"failed" in actionData ? "notice--closed" : "notice--open"}`} role="status">
          <p>{t(actionData.message)}</p>
          {"feedUrl" in actionData && (
            <p>
              <code className="secret">{actionData.feedUrl}</code>
            </p>
          )}
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
          <h2 id={`registration-${registration.id}`}>{t("space.registration", { year: registration.year })}</h2>
          <p>
            {registration.given_name} {registration.family_name}, {registration.organisation_name} —{" "}
            <strong>{t(`registration.status.${registration.status}`)}</strong>
          </p>
          <ul className="actions">
            <li>
              <Link className="button button--secondary" to={`${paths.register(language, registration.year)}?edit=${registration.id}`}>
                {t("space.edit")}
              </Link>
            </li>
            {registration.open && (
              <li>
                <Link className="button button--secondary" to={`${paths.register(language, registration.year)}?for=colleague`}>
                  {t("space.addColleague")}
                </Link>
              </li>
            )}
          </ul>

          {registration.delegation.length > 0 && (
            <>
              <h3>{t("space.delegation")}</h3>
              <ul>
                {registration.delegation.map((member) => (
                  <li key={member.id}>
                    {member.given_name} {member.family_name} ({member.email}) — {t(`registration.status.${member.status}`)}{" "}
                    <Link to={`${paths.register(language, registration.year)}?edit=${member.id}`}>
                      {t("space.edit")}
                      <span className="visually-hidden">
                        {" "}
                        – {member.given_name} {member.family_name}
                      </span>
                    </Link>
                    {member.status !== "cancelled" && (
                      <Form method="post" className="inline-form">
                        {csrf}
                        <Hidden values={{ registration: member.id, intent: "cancel_registration" }} />
                        <label>
                          <input type="checkbox" name="confirm" value="yes" />{" "}
                          {t("space.cancelMemberConfirm", { name: `${member.given_name} ${member.family_name}` })}
                        </label>{" "}
                        <button type="submit" className="button button--secondary">
                          {t("space.cancelMember")}
                          <span className="visually-hidden">
                            {" "}
                            – {member.given_name} {member.family_name}
                          </span>
                        </button>
                      </Form>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}

          {registration.status === "confirmed" && registration.workshops.length > 0 && (
            <>
              <h3>{t("space.workshops")}</h3>
              <ul className="cards">
                {registration.workshops.map((session) => (
                  <li key={session.id} className="card">
                    <h4>{session.title[language]}</h4>
                    <p className="meta">
                      {formatShortDay(session.day, language)},{" "}
                      {t("session.time", {
                        start: formatTime(session.starts_at, language, registration.timeZone),
                        end: formatTime(session.ends_at, language, registration.timeZone),
                      })}
                    </p>
                    <p className="meta">{t("space.seatsLeft", { count: Math.max(0, (session.capacity ?? 0) - (session.taken ?? 0)) })}</p>
                    {session.mine && <p>{t(session.mine === "confirmed" ? "space.mine.confirmed" : "space.mine.waitlisted")}</p>}
                    {session.wish_round_id === null && (
                      <Form method="post">
                        {csrf}
                        <Hidden values={{ registration: registration.id, session: session.id, intent: session.mine ? "cancel_signup" : "sign_up" }} />
                        <button type="submit" className={session.mine ? "button button--secondary" : "button"}>
                          {session.mine ? t("space.leave") : (session.taken ?? 0) >= (session.capacity ?? 0) ? t("space.joinWaitlist") : t("space.join")}
                          <span className="visually-hidden"> – {session.title[language]}</span>
                        </button>
                      </Form>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}

          {registration.wishRounds.map((round) => (
            <Form method="post" key={round.id} className="filters">
              {csrf}
              <Hidden values={{ registration: registration.id, round: round.id, intent: "wishes" }} />
              <fieldset>
                <legend>{t("space.wishes", { date: formatDateTime(round.closes_at, language, registration.timeZone) })}</legend>
                <p className="hint">{t("space.wishesHelp", { seed: round.seed })}</p>
                {round.sessions.map((session) => (
                  <div className="field" key={session.id}>
                    <label htmlFor={`rank-${session.id}`}>
                      {session.title[language]} ({formatTime(session.starts_at, language, registration.timeZone)})
                    </label>
                    <select id={`rank-${session.id}`} name={`rank_${session.id}`} defaultValue={session.rank ?? ""}>
                      <option value="">{t("space.noWish")}</option>
                      {round.sessions.map((_, index) => (
                        <option key={index} value={index + 1}>
                          {t("space.wishRank", { rank: index + 1 })}
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
                <button type="submit" className="button">
                  {t("space.saveWishes")}
                </button>
              </fieldset>
            </Form>
          ))}

          {registration.agenda.length > 0 && (
            <>
              <h3>{t("space.agenda")}</h3>
              <ul>
                {registration.agenda.map((session) => (
                  <li key={session.id}>
                    {formatShortDay(session.day, language)}, {formatTime(session.starts_at, language, registration.timeZone)}–
                    {formatTime(session.ends_at, language, registration.timeZone)}:{" "}
                    <Link to={paths.session(language, registration.year, session.id)}>{session.title[language]}</Link> (
                    <a href={paths.sessionCalendar(language, registration.year, session.id)} download>
                      {t("space.addOne")}
                      <span className="visually-hidden"> – {session.title[language]}</span>
                    </a>
                    )
                  </li>
                ))}
              </ul>
            </>
          )}

          <Form method="post" className="danger">
            {csrf}
            <Hidden values={{ registration: registration.id, intent: "cancel_registration" }} />
            <label>
              <input type="checkbox" name="confirm" value="yes" /> {t("space.cancelConfirm", { year: registration.year })}
            </label>{" "}
            <button type="submit" className="button button--secondary">
              {t("space.cancel")}
            </button>
          </Form>
        </section>
      ))}

      <section aria-labelledby="calendar">
        <h2 id="calendar">{t("space.feed")}</h2>
        <p>{t("space.feedHelp")}</p>
        <Form method="post">
          {csrf}
          <Hidden values={{ intent: "create_feed" }} />
          <button type="submit" className="button">
            {t(hasFeed ? "space.feedRenew" : "space.feedCreate")}
          </button>
        </Form>
        {hasFeed && (
          <Form method="post">
            {csrf}
            <Hidden values={{ intent: "revoke_feed" }} />
            <button type="submit" className="button button--secondary">
              {t("space.feedRevoke")}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="data">
        <h2 id="data">{t("space.data")}</h2>
        <p>
          <a href={paths.personalData(language)} download>
            {t("space.download")}
          </a>
        </p>
        <Form method="post" className="danger">
          {csrf}
          <Hidden values={{ intent: "delete_account" }} />
          <label>
            <input type="checkbox" name="confirm" value="yes" /> {t("space.deleteConfirm")}
          </label>{" "}
          <button type="submit" className="button button--secondary">
            {t("space.delete")}
          </button>
        </Form>
      </section>
    </>
  );
}
