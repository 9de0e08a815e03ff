import { data, Link, redirect } from "react-router";
import { ThemeChoices } from "~/features/meetings/components/theme-choices";
import type { Route } from "./+types/meeting-profile";
import { requirePerson, verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { getEdition } from "~/features/editions/editions.server";
import { profileLimits } from "~/features/meetings/limits";
import { listMeetingBlocks, listThemes, readOwnProfile, saveOwnProfile, type ProfileFields } from "~/features/meetings/profiles.server";
import { countriesByName } from "~/features/registration/form";
import { translate } from "~/i18n/translate";
import { formatDateTime, formatTime } from "~/lib/format";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { FormPageTitle } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, parseYear, routeLanguage } from "~/lib/http.server";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import type { RouteHandle } from "~/root";

const personalHeaders = { "Cache-Control": "private, no-store" };

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const edition = await getEdition(context.db, parseYear(params.year));
    const [profile, themes, blocks] = await Promise.all([
      readOwnProfile(context.db, { editionId: edition.id, personId: person.personId }),
      listThemes(context.db, edition.id),
      listMeetingBlocks(context.db, edition.id),
    ]);
    const saved = new URL(request.url).searchParams.get("done") === "saved";
    return data(
      { language, year: edition.year, timeZone: edition.time_zone, profile, themes, blocks, saved, csrfToken: person.csrfToken },
      { headers: personalHeaders },
    );
  });
}

/** The profile's fields as the form sent them; the domain checks them. */
function readFields(form: FormData): ProfileFields {
  const text = (name: string) => String(form.get(name) ?? "");
  return {
    region: text("region"),
    offer: text("offer"),
    seek: text("seek"),
    themeIds: form.getAll("theme").map(Number).filter(Number.isInteger),
    countries: form.getAll("country").map(String),
    // Empty says "no limit"; anything else the domain checks, a word included.
    maxMeetings: text("max").trim() === "" ? null : Number(text("max")),
    unavailableBlockIds: form.getAll("unavailable").map(Number).filter(Number.isInteger),
  };
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors<never, { values: ProfileFields & { publish: boolean } }>(async (keep) => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const edition = await getEdition(context.db, parseYear(params.year));
    const fields = readFields(form);
    const publish = form.get("publish") === "yes";
    keep({ values: { ...fields, publish } });
    await saveOwnProfile(context.db, {
      editionId: edition.id,
      personId: person.personId,
      fields,
      publish,
      consentText: translate(language, "meetings.consent.profile"),
      language,
      now: context.now(),
    });
    throw redirect(`${paths.meetingProfile(language, edition.year)}?done=saved`, { status: 303, headers: personalHeaders });
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const handle: RouteHandle = { form: true };

export default function MeetingProfile({ loaderData, actionData }: Route.ComponentProps) {
  const { year, timeZone, profile, themes, blocks, saved, csrfToken } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const error = actionError(actionData);
  const values = actionData && "values" in actionData && actionData.values ? actionData.values : { ...profile, publish: profile.published };
  const countries = countriesByName(language);
  const title = t("meetings.profile.title", { year });
  return (
    <>
      <FormPageTitle title={title} refused={error !== undefined} />
      <h1>{title}</h1>
      <ErrorNotice error={error} />
      {saved && !error && (
        <p className="notice notice--open" role="status">
          {t(profile.published ? "meetings.profile.savedPublished" : "meetings.profile.savedHidden")}
        </p>
      )}
      <p>{t("meetings.profile.intro")}</p>
      <form method="post" className="registration-form">
        <CsrfField token={csrfToken} />
        <div className="field">
          <label htmlFor="region">{t("meetings.profile.region")}</label>
          <p className="hint" id="region-hint">
            {t("meetings.profile.regionHint", { max: profileLimits.region })}
          </p>
          <input id="region" name="region" type="text" maxLength={profileLimits.region} defaultValue={values.region} aria-describedby="region-hint" />
        </div>
        <div className="field">
          <label htmlFor="offer">{t("meetings.profile.offer")}</label>
          <p className="hint" id="offer-hint">
            {t("meetings.profile.textHint", { max: profileLimits.offer })}
          </p>
          <textarea id="offer" name="offer" rows={5} maxLength={profileLimits.offer} defaultValue={values.offer} aria-describedby="offer-hint" />
        </div>
        <div className="field">
          <label htmlFor="seek">{t("meetings.profile.seek")}</label>
          <p className="hint" id="seek-hint">
            {t("meetings.profile.textHint", { max: profileLimits.seek })}
          </p>
          <textarea id="seek" name="seek" rows={5} maxLength={profileLimits.seek} defaultValue={values.seek} aria-describedby="seek-hint" />
        </div>
        {themes.length > 0 && (
          <fieldset className="field" aria-describedby="themes-hint">
            <legend>{t("meetings.profile.themes")}</legend>
            <p className="hint" id="themes-hint">
              {t("meetings.profile.themesHint", { max: profileLimits.themes })}
            </p>
            <ThemeChoices themes={themes} chosen={values.themeIds} />
          </fieldset>
        )}
        <div className="field">
          <label htmlFor="country">{t("meetings.profile.countries")}</label>
          <p className="hint" id="country-hint">
            {t("meetings.profile.countriesHint", {
              max: profileLimits.countries,
            })}
          </p>
          <select id="country" name="country" multiple size={8} defaultValue={values.countries} aria-describedby="country-hint">
            {countries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </select>
        </div>
        {blocks.length > 0 && (
          <fieldset className="field" aria-describedby="availability-hint">
            <legend>{t("meetings.profile.availability")}</legend>
            <p className="hint" id="availability-hint">
              {t("meetings.profile.availabilityHint")}
            </p>
            <ul className="choices">
              {blocks.map((block) => (
                <li key={block.id}>
                  <label>
                    <input type="checkbox" name="unavailable" value={block.id} defaultChecked={values.unavailableBlockIds.includes(block.id)} />{" "}
                    {`${block.title[language]}, ${formatDateTime(new Date(block.startsAt), language, timeZone)}–${formatTime(new Date(block.endsAt), language, timeZone)}`}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        <div className="field">
          <label htmlFor="max">{t("meetings.profile.max")}</label>
          <p className="hint" id="max-hint">
            {t("meetings.profile.maxHint")}
          </p>
          <input
            id="max"
            name="max"
            type="number"
            inputMode="numeric"
            min={0}
            max={profileLimits.maxMeetings}
            defaultValue={values.maxMeetings ?? ""}
            aria-describedby="max-hint"
          />
        </div>
        <fieldset className="field">
          <legend>{t("meetings.profile.publication")}</legend>
          <label>
            <input type="checkbox" name="publish" value="yes" defaultChecked={values.publish} /> {t("meetings.consent.profile")}
          </label>
        </fieldset>
        <button type="submit" className="button">
          {t("meetings.profile.save")}
        </button>
      </form>
      <ul className="desk-links">
        <li>
          <Link to={paths.meetingDirectory(language, year)}>{t("meetings.directory.link")}</Link>
        </li>
        <li>
          <Link to={paths.space(language)}>{t("space.back")}</Link>
        </li>
      </ul>
    </>
  );
}
