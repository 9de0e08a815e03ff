import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/cafes";
import { requirePerson, verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { bookCafeSeat, cafesPage, cancelCafeSeat, saveCafeWishes } from "~/features/cafes/cafes.server";
import { HostGuests } from "~/features/cafes/components/host-guests";
import { getEdition } from "~/features/editions/editions.server";
import { locales } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { formatDateTime, formatTime } from "~/lib/format";
import { FormPageTitle } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { LocalisedIn } from "~/lib/localised";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import type { RouteHandle } from "~/root";

const personalHeaders = { "Cache-Control": "private, no-store" };
const notices = ["booked", "cancelled", "wished"] as const;
type Notice = (typeof notices)[number];

/** A round as the forms name it: the instant it starts. */
function parseRound(value: FormDataEntryValue | null): Date {
  const text = String(value ?? "");
  const instant = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(instant.getTime())) throw new AppError("cafe_round_not_found");
  return instant;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const edition = await getEdition(context.db, parseYear(params.year));
    const page = await cafesPage(context.db, { editionId: edition.id, personId: person.personId, now: context.now() });
    const done = new URL(request.url).searchParams.get("done");
    return data(
      {
        language,
        year: edition.year,
        timeZone: edition.time_zone,
        page,
        done: (notices as readonly string[]).includes(done ?? "") ? (done as Notice) : undefined,
        csrfToken: person.csrfToken,
      },
      { headers: personalHeaders },
    );
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors(async () => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const edition = await getEdition(context.db, parseYear(params.year));
    const base = { editionId: edition.id, personId: person.personId, now: context.now() };
    const done = (notice: Notice) => redirect(`${paths.cafes(language, edition.year)}?done=${notice}`, { status: 303, headers: personalHeaders });
    switch (form.get("intent")) {
      case "book":
        await bookCafeSeat(context.db, { ...base, cafeId: parseId(String(form.get("cafe") ?? "")), roundStartsAt: parseRound(form.get("round")) });
        throw done("booked");
      case "cancel":
        await cancelCafeSeat(context.db, { ...base, cafeId: parseId(String(form.get("cafe") ?? "")), roundStartsAt: parseRound(form.get("round")) });
        throw done("cancelled");
      case "wishes": {
        const ranks: { cafeId: number; rank: number }[] = [];
        for (const [name, value] of form.entries()) {
          const match = /^rank_(\d+)$/.exec(name);
          if (!match || String(value) === "") continue;
          ranks.push({ cafeId: parseId(match[1]), rank: parseId(String(value)) });
        }
        if (new Set(ranks.map((wish) => wish.rank)).size !== ranks.length) throw new AppError("cafe_wish_ranks_repeated");
        await saveCafeWishes(context.db, { ...base, cafeIds: ranks.sort((a, b) => a.rank - b.rank).map((wish) => wish.cafeId) });
        throw done("wished");
      }
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const handle: RouteHandle = { form: true };

export const meta: Route.MetaFunction = ({ data: loaded }) =>
  loaded ? [{ title: translate(loaded.language, "cafes.page.title", { year: loaded.year }) }] : [];

export default function Cafes({ loaderData, actionData }: Route.ComponentProps) {
  const { year, timeZone, page, done, csrfToken } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const error = actionError(actionData);
  const title = t("cafes.page.title", { year });
  const languageNames = new Intl.DisplayNames([locales[language]], { type: "language" });
  const time = (instant: string | Date) => formatTime(new Date(instant), language, timeZone);
  // A host keeps their table the whole block: no seat elsewhere in it is offered to them.
  const hostedBlocks = new Set(page.hosting.map((cafe) => cafe.sessionId));
  const wishRank = new Map(page.wishes.map((wish) => [wish.cafeId, wish.rank]));
  return (
    <>
      <FormPageTitle title={title} refused={error !== undefined} />
      <h1>{title}</h1>
      <ErrorNotice error={error} />
      {done && !error && (
        <p className="notice notice--open" role="status">
          {t(`cafes.done.${done}`)}
        </p>
      )}
      <p>{t("cafes.page.intro")}</p>
      {page.settings.mode === "wishes" && !page.settings.allocatedAt && (
        <p className="notice">
          {page.wishesOpen
            ? t("cafes.page.byWishes", { date: page.settings.wishesCloseAt ? formatDateTime(new Date(page.settings.wishesCloseAt), language, timeZone) : "" })
            : t("cafes.page.byWishesClosed")}
        </p>
      )}
      {page.settings.mode === "wishes" && page.settings.allocatedAt && <p className="notice">{t("cafes.page.afterWishes")}</p>}

      {page.hosting.map((cafe) => (
        <HostGuests key={cafe.id} cafe={cafe} timeZone={timeZone} />
      ))}

      {page.blocks.length === 0 && <p>{t("cafes.page.none")}</p>}
      {page.blocks.map((block) => (
        <section key={block.id} aria-labelledby={`block-${block.id}`}>
          <h2 id={`block-${block.id}`}>
            <LocalisedIn value={block.title} language={language} /> — {formatDateTime(new Date(block.startsAt), language, timeZone)}
          </h2>
          {block.rounds.map((round) => {
            const id = `round-${block.id}-${new Date(round.startsAt).getTime()}`;
            const range = { start: time(round.startsAt), end: time(round.endsAt) };
            return (
              <section key={id} aria-labelledby={id}>
                <h3 id={id}>{t("cafes.page.round", range)}</h3>
                <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
                  <table>
                    <caption id={`${id}-caption`}>{t("cafes.page.caption", range)}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("cafes.page.table")}</th>
                        <th scope="col">{t("cafes.page.topic")}</th>
                        <th scope="col">{t("cafes.page.host")}</th>
                        <th scope="col">{t("cafes.page.language")}</th>
                        <th scope="col">{t("cafes.page.left")}</th>
                        <th scope="col">{t("cafes.page.seat")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {round.cafes.map((cafe) => (
                        <tr key={cafe.id}>
                          <th scope="row">{cafe.table}</th>
                          <td>
                            <LocalisedIn value={cafe.topic} language={language} />
                          </td>
                          <td>
                            {cafe.host.published ? (
                              <Link to={`${paths.meetingDirectory(language, year)}?${new URLSearchParams({ q: cafe.host.name })}`}>{cafe.host.name}</Link>
                            ) : (
                              cafe.host.name
                            )}
                            , {cafe.host.organisation}
                          </td>
                          <td>{languageNames.of(cafe.language) ?? cafe.language}</td>
                          <td>{cafe.left > 0 ? cafe.left : t("cafes.page.full")}</td>
                          <td>
                            {cafe.mine ? (
                              <form method="post" className="inline-form">
                                <CsrfField token={csrfToken} />
                                <input type="hidden" name="cafe" value={cafe.id} />
                                <input type="hidden" name="round" value={new Date(round.startsAt).toISOString()} />
                                <span>{t("cafes.page.mine")}</span>{" "}
                                <button type="submit" name="intent" value="cancel" className="button button--secondary">
                                  {t("cafes.page.cancel", { table: cafe.table, time: range.start })}
                                </button>
                              </form>
                            ) : (
                              page.bookingOpen &&
                              cafe.left > 0 &&
                              !hostedBlocks.has(block.id) && (
                                <form method="post" className="inline-form">
                                  <CsrfField token={csrfToken} />
                                  <input type="hidden" name="cafe" value={cafe.id} />
                                  <input type="hidden" name="round" value={new Date(round.startsAt).toISOString()} />
                                  <button type="submit" name="intent" value="book" className="button">
                                    {t("cafes.page.book", { table: cafe.table, time: range.start })}
                                  </button>
                                </form>
                              )
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            );
          })}
        </section>
      ))}

      {page.wishesOpen && page.cafes.length > 0 && (
        <section aria-labelledby="wishes">
          <h2 id="wishes">{t("cafes.wishes.title")}</h2>
          <p id="wishes-hint">{t("cafes.wishes.hint")}</p>
          <form method="post" className="registration-form" aria-describedby="wishes-hint">
            <CsrfField token={csrfToken} />
            {page.cafes.map((cafe) => (
              <div className="field" key={cafe.id}>
                <label htmlFor={`rank-${cafe.id}`}>
                  {t("cafes.wishes.rankOf", { table: cafe.table })} — <LocalisedIn value={cafe.topic} language={language} />
                </label>
                <select id={`rank-${cafe.id}`} name={`rank_${cafe.id}`} defaultValue={String(wishRank.get(cafe.id) ?? "")}>
                  <option value="">{t("cafes.wishes.unranked")}</option>
                  {page.cafes.map((_, index) => (
                    <option key={index} value={index + 1}>
                      {index + 1}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <button type="submit" name="intent" value="wishes" className="button">
              {t("cafes.wishes.save")}
            </button>
          </form>
        </section>
      )}

      <p>
        <Link to={paths.space(language)}>{t("cafes.page.back")}</Link>
      </p>
    </>
  );
}
