import { locales } from "~/i18n/languages";
import { formatTime } from "~/lib/format";
import { LocalisedIn } from "~/lib/localised";
import { useLanguage, useTranslate } from "~/lib/use-language";
import type { CafesPage } from "../cafes.server";

type Hosted = CafesPage["hosting"][number];
type Serialised<T> = { [K in keyof T]: T[K] extends Date ? Date | string : T[K] extends (infer U)[] ? Serialised<U>[] : T[K] };

/** The guests of a table the person hosts, round by round: names, organisations, languages. */
export function HostGuests({ cafe, timeZone }: { cafe: Serialised<Hosted>; timeZone: string }) {
  const language = useLanguage();
  const t = useTranslate();
  const languageNames = new Intl.DisplayNames([locales[language]], { type: "language" });
  const time = (instant: Date | string) => formatTime(new Date(instant), language, timeZone);
  return (
    <section aria-labelledby={`host-${cafe.id}`} className="card">
      <h2 id={`host-${cafe.id}`}>{t("cafes.host.title", { table: cafe.table })}</h2>
      <p>
        <LocalisedIn value={cafe.topic} language={language} />
      </p>
      <p>{t("cafes.host.intro")}</p>
      {cafe.rounds.map((round) => {
        const range = { start: time(round.startsAt), end: time(round.endsAt) };
        const id = `host-${cafe.id}-${new Date(round.startsAt).getTime()}`;
        if (round.guests.length === 0) return <p key={id}>{t("cafes.host.none", range)}</p>;
        return (
          <div key={id} className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
            <table>
              <caption id={`${id}-caption`}>{t("cafes.host.caption", range)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("cafes.host.name")}</th>
                  <th scope="col">{t("cafes.host.organisation")}</th>
                  <th scope="col">{t("cafes.host.languages")}</th>
                </tr>
              </thead>
              <tbody>
                {round.guests.map((guest, index) => (
                  <tr key={index}>
                    <th scope="row">{guest.name}</th>
                    <td>{guest.organisation}</td>
                    <td>{guest.languages.map((code) => languageNames.of(code) ?? code).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
