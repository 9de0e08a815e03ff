import { Form } from "react-router";
import { CsrfField } from "~/features/accounts/csrf-field";
import { formatDateTime, formatShortDay, formatTime } from "~/lib/format";
import { Localised } from "~/lib/localised";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { Hidden } from "./hidden";
import type { SpaceRegistration } from "./types";

/** Ranks the sessions of an open wish round: rank_<session id> = 1, 2, 3…, or empty. */
export function WishRoundForm({
  registration,
  round,
  csrfToken,
}: {
  registration: SpaceRegistration;
  round: SpaceRegistration["wishRounds"][number];
  csrfToken: string;
}) {
  const language = useLanguage();
  const t = useTranslate();
  return (
    <Form method="post" className="filters">
      <CsrfField token={csrfToken} />
      <Hidden values={{ registration: registration.id, round: round.id, intent: "wishes" }} />
      <fieldset>
        <legend>{t("space.wishes", { date: formatDateTime(round.closes_at, language, registration.timeZone) })}</legend>
        <p className="hint">{t("space.wishesHelp", { seed: round.seed })}</p>
        {round.sessions.map((session) => (
          <div className="field" key={session.id}>
            <label htmlFor={`rank-${session.id}`}>
              <Localised value={session.title} /> ({formatShortDay(session.day, language)}, {formatTime(session.starts_at, language, registration.timeZone)})
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
  );
}
