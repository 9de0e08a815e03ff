import { Fragment } from "react";
import { data, Form } from "react-router";
import type { Route } from "./+types/organisers";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { instantAt } from "~/features/calendar/zoned-time";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { decideOnRegistration, pendingRegistrations } from "~/features/registration/registration.server";
import { allocateWishes, listWishRounds, openWishRound, wishRoundCandidates } from "~/features/registration/wishes.server";
import { translate } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { countryName, formatDateTime, formatTime } from "~/lib/format";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { Localised } from "~/lib/localised";
import { pageTitle } from "~/lib/meta";
import { useLanguage, useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "registrations");
    const [pending, rounds, candidates] = await Promise.all([
      pendingRegistrations(context.db, access),
      listWishRounds(context.db, access),
      wishRoundCandidates(context.db, access),
    ]);
    return data(
      { language, year: edition.year, timeZone: edition.time_zone, csrfToken: person.csrfToken, permissions: [...access.permissions], pending, rounds, candidates, now: context.now() },
      { headers: personalHeaders },
    );
  });
}

/** A `datetime-local` field, read in the edition's time zone. */
function localInstant(form: FormData, name: string, timeZone: string): Date {
  const value = String(form.get(name) ?? "");
  try {
    return instantAt(value, timeZone);
  } catch {
    // Not YYYY-MM-DDTHH:MM, or a day or hour that does not exist (2026-02-30).
    throw new AppError("invalid_round_dates", `bad ${name}`);
  }
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors(async () => {
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "registrations");
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    const publicUrl = context.env.PUBLIC_URL;
    switch (form.get("intent")) {
      case "approve":
      case "refuse":
        await decideOnRegistration(context.db, access, {
          registrationId: parseId(String(form.get("registration") ?? "")),
          approve: form.get("intent") === "approve",
          now,
          publicUrl,
        });
        return { message: "organisers.done.decision" } as const;
      case "open_round": {
        const sessionIds = form.getAll("session").map((value) => parseId(String(value)));
        await openWishRound(context.db, access, {
          sessionIds,
          opensAt: localInstant(form, "opens_at", edition.time_zone),
          closesAt: localInstant(form, "closes_at", edition.time_zone),
          now,
        });
        return { message: "organisers.done.round" } as const;
      }
      case "allocate": {
        const allocation = await allocateWishes(context.db, access, { roundId: parseId(String(form.get("round") ?? "")), now, publicUrl });
        return { message: "organisers.done.allocated", seats: allocation.seats.length, waitlisted: allocation.waitlisted.length } as const;
      }
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, translate(page.language, "organisers.title", { year: page.year })) }] : [];

export default function Organisers({ loaderData, actionData }: Route.ComponentProps) {
  const { year, timeZone, csrfToken, permissions, pending, rounds, candidates, now } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  return (
    <>
      <BackOfficeNav year={year} permissions={permissions} current="dashboard" />
      <h1>{t("organisers.title", { year })}</h1>
      <ErrorNotice error={actionError(actionData)} />
      {actionData && "message" in actionData && (
        <p className="notice notice--open" role="status">
          {t(actionData.message, "seats" in actionData ? { seats: actionData.seats, waitlisted: actionData.waitlisted } : undefined)}
        </p>
      )}

      <section aria-labelledby="pending">
        <h2 id="pending">{t("organisers.pending", { count: pending.length })}</h2>
        <ul className="cards">
          {pending.map((registration) => {
            const name = `${registration.given_name} ${registration.family_name}`;
            return (
              <li key={registration.id} className="card">
                <h3>{name}</h3>
                <p>
                  {registration.organisation_name}, {countryName(registration.country_code, language)} —{" "}
                  {t(`registration.category.${registration.category}`)}
                </p>
                <p className="meta">{formatDateTime(registration.created_at, language, timeZone)}</p>
                <Form method="post">
                  <CsrfField token={csrfToken} />
                  <input type="hidden" name="registration" value={registration.id} />
                  <button type="submit" name="intent" value="approve" className="button">
                    {t("organisers.approve")}
                    <span className="visually-hidden"> – {name}</span>
                  </button>{" "}
                  <button type="submit" name="intent" value="refuse" className="button button--secondary">
                    {t("organisers.refuse")}
                    <span className="visually-hidden"> – {name}</span>
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="rounds">
        <h2 id="rounds">{t("organisers.rounds")}</h2>
        <ul>
          {rounds.map((round) => (
            <li key={round.id}>
              {round.sessions.map((session, index) => (
                <Fragment key={session.id}>
                  {index > 0 && ", "}
                  <Localised value={session.title} />
                </Fragment>
              ))}{" "}
              —{" "}
              {t("organisers.roundPeriod", {
                from: formatDateTime(round.opens_at, language, timeZone),
                to: formatDateTime(round.closes_at, language, timeZone),
                seed: round.seed,
                people: round.people ?? 0,
              })}
              {round.allocated_at ? (
                <> — {t("organisers.allocatedAt", { date: formatDateTime(round.allocated_at, language, timeZone) })}</>
              ) : (
                round.closes_at <= now && (
                  <Form method="post" className="inline-form">
                    <CsrfField token={csrfToken} />
                    <input type="hidden" name="round" value={round.id} />
                    <button type="submit" name="intent" value="allocate" className="button">
                      {t("organisers.allocate")}
                    </button>
                  </Form>
                )
              )}
            </li>
          ))}
        </ul>
        {candidates.length > 0 && (
          <Form method="post" className="registration-form">
            <CsrfField token={csrfToken} />
            <fieldset>
              <legend>{t("organisers.openRound")}</legend>
              <p className="hint">{t("organisers.openRoundHelp", { zone: timeZone })}</p>
              <ul className="choices">
                {candidates.map((session) => (
                  <li key={session.id}>
                    <label>
                      <input type="checkbox" name="session" value={session.id} /> <Localised value={session.title} /> ({session.day},{" "}
                      {formatTime(session.starts_at, language, timeZone)})
                    </label>
                  </li>
                ))}
              </ul>
              <div className="field">
                <label htmlFor="opens_at">{t("organisers.opensAt")}</label>
                <input id="opens_at" name="opens_at" type="datetime-local" required />
              </div>
              <div className="field">
                <label htmlFor="closes_at">{t("organisers.closesAt")}</label>
                <input id="closes_at" name="closes_at" type="datetime-local" required />
              </div>
              <button type="submit" name="intent" value="open_round" className="button">
                {t("organisers.openRoundSubmit")}
              </button>
            </fieldset>
          </Form>
        )}
      </section>
    </>
  );
}
