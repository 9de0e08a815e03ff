import { data, Link } from "react-router";
import type { Route } from "./+types/back-office-cafes";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { instantAt } from "~/features/calendar/zoned-time";
import { cafeLimits, cafeModes } from "~/features/cafes/limits";
import { addCafe, allocateCafeWishes, cafesForOrganisers, deleteCafe, saveCafeSettings, updateCafe, type CafeFields } from "~/features/cafes/cafes.server";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { spokenLanguages } from "~/features/registration/form";
import { localInput } from "~/features/settings/registration-settings.server";
import { doneNotice, doneRedirect, personalHeaders } from "~/features/settings/route-parts.server";
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
import type { CafeMode } from "~/db/schema";

const notices = ["settings", "added", "updated", "deleted", "allocated"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "meetings");
    const overview = await cafesForOrganisers(context.db, access);
    const editing = new URL(request.url).searchParams.get("edit");
    const edited = editing ? overview.cafes.find((cafe) => String(cafe.id) === editing) : undefined;
    if (editing && !edited) throw new AppError("cafe_not_found");
    return data(
      {
        language,
        year: edition.year,
        timeZone: edition.time_zone,
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        overview,
        closeInput: overview.settings.wishesCloseAt ? localInput(overview.settings.wishesCloseAt, edition.time_zone) : "",
        edited,
        done: doneNotice(request, notices),
      },
      { headers: personalHeaders },
    );
  });
}

function cafeFields(form: FormData): CafeFields {
  const text = (name: string) => String(form.get(name) ?? "");
  const seats = Number(text("seats"));
  return {
    sessionId: parseId(text("session")),
    hostRegistrationId: parseId(text("host")),
    topic: { fr: text("topic_fr"), en: text("topic_en") },
    language: text("language"),
    table: text("table"),
    seats: Number.isInteger(seats) ? seats : 0,
  };
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors(async () => {
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "meetings");
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    const cafeId = () => parseId(String(form.get("cafe") ?? ""));
    switch (form.get("intent")) {
      case "settings": {
        const mode = String(form.get("mode") ?? "");
        const close = String(form.get("wishes_close") ?? "");
        let wishesCloseAt: Date | null = null;
        try {
          wishesCloseAt = close ? instantAt(close, edition.time_zone) : null;
        } catch {
          throw new AppError("cafe_settings_invalid");
        }
        if (!(cafeModes as readonly string[]).includes(mode)) throw new AppError("cafe_settings_invalid");
        await saveCafeSettings(context.db, access, { roundMinutes: Number(form.get("round_minutes")), mode: mode as CafeMode, wishesCloseAt, now });
        return doneRedirect(request, "settings");
      }
      case "add":
        await addCafe(context.db, access, { fields: cafeFields(form), now });
        await context.contentChanged();
        return doneRedirect(request, "added");
      case "update":
        await updateCafe(context.db, access, { cafeId: cafeId(), fields: cafeFields(form), now });
        await context.contentChanged();
        return doneRedirect(request, "updated");
      case "delete":
        await deleteCafe(context.db, access, { cafeId: cafeId(), now });
        await context.contentChanged();
        return doneRedirect(request, "deleted");
      case "allocate":
        await allocateCafeWishes(context.db, access, { now, publicUrl: context.env.PUBLIC_URL });
        return doneRedirect(request, "allocated");
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) => (page ? [{ title: translate(page.language, "cafes.admin.title", { year: page.year }) }] : []);

type Loaded = Route.ComponentProps["loaderData"];

function CafeForm({ loaded, cafe }: { loaded: Loaded; cafe?: NonNullable<Loaded["edited"]> }) {
  const language = useLanguage();
  const t = useTranslate();
  const { overview, csrfToken, timeZone } = loaded;
  const languageNames = new Intl.DisplayNames([locales[language]], { type: "language" });
  const prefix = cafe ? `edit-${cafe.id}` : "new";
  return (
    <form method="post" className="registration-form">
      <CsrfField token={csrfToken} />
      {cafe && <input type="hidden" name="cafe" value={cafe.id} />}
      <fieldset>
        <legend>{cafe ? t("cafes.admin.editTitle", { table: cafe.table }) : t("cafes.admin.add")}</legend>
        <div className="field">
          <label htmlFor={`${prefix}-session`}>{t("cafes.admin.block")}</label>
          <select id={`${prefix}-session`} name="session" defaultValue={cafe?.sessionId} required>
            {overview.blocks.map((block) => (
              <option key={block.id} value={block.id}>
                {`${block.title[language] || block.title.fr} — ${formatDateTime(new Date(block.startsAt), language, timeZone)}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-host`}>{t("cafes.admin.host")}</label>
          <p className="hint" id={`${prefix}-host-hint`}>
            {t("cafes.admin.hostHint")}
          </p>
          <select id={`${prefix}-host`} name="host" defaultValue={cafe?.host.registrationId ?? ""} required aria-describedby={`${prefix}-host-hint`}>
            <option value="">{t("cafes.admin.chooseHost")}</option>
            {overview.hosts.map((host) => (
              <option key={host.registrationId} value={host.registrationId}>
                {`${host.name} — ${host.organisation}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-topic-fr`}>{t("cafes.admin.topicFr")}</label>
          <input id={`${prefix}-topic-fr`} name="topic_fr" lang="fr" defaultValue={cafe?.topic.fr} maxLength={cafeLimits.topic} required />
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-topic-en`}>{t("cafes.admin.topicEn")}</label>
          <input id={`${prefix}-topic-en`} name="topic_en" lang="en" defaultValue={cafe?.topic.en} maxLength={cafeLimits.topic} required />
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-language`}>{t("cafes.admin.language")}</label>
          <select id={`${prefix}-language`} name="language" defaultValue={cafe?.language ?? language}>
            {spokenLanguages.map((code) => (
              <option key={code} value={code}>
                {languageNames.of(code) ?? code}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-table`}>{t("cafes.admin.table")}</label>
          <input id={`${prefix}-table`} name="table" defaultValue={cafe?.table} maxLength={cafeLimits.table} required />
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-seats`}>{t("cafes.admin.seats")}</label>
          <input
            id={`${prefix}-seats`}
            name="seats"
            type="number"
            min={cafeLimits.seatsMin}
            max={cafeLimits.seatsMax}
            defaultValue={cafe?.seats ?? 6}
            required
          />
        </div>
        <button type="submit" name="intent" value={cafe ? "update" : "add"} className="button">
          {cafe ? t("cafes.admin.save") : t("cafes.admin.addSubmit")}
        </button>
      </fieldset>
    </form>
  );
}

export default function BackOfficeCafes({ loaderData, actionData }: Route.ComponentProps) {
  const { year, timeZone, csrfToken, permissions, overview, closeInput, edited, done } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const error = actionError(actionData);
  const title = t("cafes.admin.title", { year });
  const languageNames = new Intl.DisplayNames([locales[language]], { type: "language" });
  const { settings } = overview;
  const here = paths.backOffice(language, year, "cafes");
  return (
    <>
      <FormPageTitle title={title} refused={error !== undefined} />
      <BackOfficeNav year={year} permissions={permissions} current="cafes" />
      <h1>{title}</h1>
      <ErrorNotice error={error} />
      {done && !error && (
        <p className="notice notice--open" role="status">
          {t(`cafes.admin.done.${done}`)}
        </p>
      )}
      <p>{t("cafes.admin.intro")}</p>

      {edited ? (
        <>
          <CafeForm loaded={loaderData} cafe={edited} />
          <p>
            <Link to={here}>{t("cafes.admin.cancelEdit")}</Link>
          </p>
        </>
      ) : (
        <>
          <section aria-labelledby="settings">
            <h2 id="settings">{t("cafes.admin.settings")}</h2>
            <form method="post" className="registration-form">
              <CsrfField token={csrfToken} />
              <div className="field">
                <label htmlFor="round-minutes">{t("cafes.admin.roundMinutes")}</label>
                <input
                  id="round-minutes"
                  name="round_minutes"
                  type="number"
                  min={cafeLimits.roundMin}
                  max={cafeLimits.roundMax}
                  defaultValue={settings.roundMinutes}
                  required
                />
              </div>
              <fieldset className="field">
                <legend>{t("cafes.admin.mode")}</legend>
                {cafeModes.map((mode) => (
                  <label key={mode}>
                    <input type="radio" name="mode" value={mode} defaultChecked={settings.mode === mode} /> {t(`cafes.admin.mode.${mode}`)}
                  </label>
                ))}
              </fieldset>
              <div className="field">
                <label htmlFor="wishes-close">{t("cafes.admin.wishesClose")}</label>
                <p className="hint" id="wishes-close-hint">
                  {t("cafes.admin.wishesCloseHint", { zone: timeZone })}
                </p>
                <input id="wishes-close" name="wishes_close" type="datetime-local" defaultValue={closeInput} aria-describedby="wishes-close-hint" />
              </div>
              <button type="submit" name="intent" value="settings" className="button">
                {t("cafes.admin.saveSettings")}
              </button>
            </form>
          </section>

          {settings.mode === "wishes" && (
            <section aria-labelledby="allocation">
              <h2 id="allocation">{t("cafes.admin.allocation")}</h2>
              {settings.allocatedAt ? (
                <p>{t("cafes.admin.allocated", { date: formatDateTime(new Date(settings.allocatedAt), language, timeZone), seed: settings.seed ?? "" })}</p>
              ) : (
                <form method="post" className="registration-form">
                  <CsrfField token={csrfToken} />
                  <p>{t("cafes.admin.allocationIntro", { people: overview.wishers })}</p>
                  <button type="submit" name="intent" value="allocate" className="button">
                    {t("cafes.admin.allocate")}
                  </button>
                </form>
              )}
            </section>
          )}

          <section aria-labelledby="tables">
            <h2 id="tables">{t("cafes.admin.tables")}</h2>
            {overview.cafes.length === 0 ? (
              <p>{t("cafes.admin.none")}</p>
            ) : (
              <div className="table-scroll" role="region" aria-labelledby="cafes-caption" tabIndex={0}>
                <table>
                  <caption id="cafes-caption">{t("cafes.admin.caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("cafes.admin.table")}</th>
                      <th scope="col">{t("cafes.admin.topic")}</th>
                      <th scope="col">{t("cafes.admin.host")}</th>
                      <th scope="col">{t("cafes.admin.language")}</th>
                      <th scope="col">{t("cafes.admin.guests")}</th>
                      {settings.mode === "wishes" && <th scope="col">{t("cafes.admin.wishes")}</th>}
                      <th scope="col">{t("cafes.admin.actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {overview.cafes.map((cafe) => (
                      <tr key={cafe.id}>
                        <th scope="row">{cafe.table}</th>
                        <td>
                          <LocalisedIn value={cafe.topic} language="fr" />
                          <br />
                          <LocalisedIn value={cafe.topic} language="en" />
                        </td>
                        <td>
                          {cafe.host.name}, {cafe.host.organisation}
                        </td>
                        <td>{languageNames.of(cafe.language) ?? cafe.language}</td>
                        <td>
                          <ul>
                            {cafe.rounds.map((round) => (
                              <li key={new Date(round.startsAt).toISOString()}>
                                {t("cafes.admin.roundGuests", {
                                  time: formatTime(new Date(round.startsAt), language, timeZone),
                                  count: round.guests.length,
                                  seats: cafe.seats,
                                })}
                                {round.guests.length > 0 && <> — {round.guests.map((guest) => `${guest.name} (${guest.organisation})`).join(", ")}</>}
                              </li>
                            ))}
                          </ul>
                        </td>
                        {settings.mode === "wishes" && <td>{cafe.wishes}</td>}
                        <td>
                          <p>
                            <Link className="button button--secondary" to={`${here}?edit=${cafe.id}`}>
                              {t("cafes.admin.edit", { table: cafe.table })}
                            </Link>
                          </p>
                          <form method="post" className="inline-form">
                            <CsrfField token={csrfToken} />
                            <input type="hidden" name="cafe" value={cafe.id} />
                            <button type="submit" name="intent" value="delete" className="button button--secondary">
                              {t("cafes.admin.delete", { table: cafe.table })}
                            </button>
                          </form>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          {overview.blocks.length === 0 ? (
            <p className="notice">{t("cafes.admin.noBlock")}</p>
          ) : overview.hosts.length === 0 ? (
            <p className="notice">{t("cafes.admin.noHost")}</p>
          ) : (
            <CafeForm loaded={loaderData} />
          )}
        </>
      )}
    </>
  );
}
