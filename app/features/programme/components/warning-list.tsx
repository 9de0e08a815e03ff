import { Link } from "react-router";
import type { Localised as LocalisedValue } from "~/db/schema";
import { Localised } from "~/lib/localised";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import type { ProgrammeWarning } from "../programme-warnings";

interface Names {
  sessions: readonly { id: number; title: LocalisedValue }[];
  rooms: readonly { id: number; name: LocalisedValue }[];
  speakers: readonly { id: number; name: string }[];
}

/** The warnings of the programme, each naming what it concerns and linking to the sessions' forms. */
export function WarningList({ warnings, names, year, id = "warnings" }: { warnings: readonly ProgrammeWarning[]; names: Names; year: number; id?: string }) {
  const language = useLanguage();
  const t = useTranslate();
  if (warnings.length === 0) return null;
  const link = (sessionId: number) => {
    const session = names.sessions.find((candidate) => candidate.id === sessionId);
    return <Link to={paths.programmeSession(language, year, sessionId)}>{session ? <Localised value={session.title} /> : String(sessionId)}</Link>;
  };
  return (
    <section aria-labelledby={id} className="notice notice--warning">
      <h2 id={id}>{t("programme.warnings.title", { count: warnings.length })}</h2>
      <ul>
        {warnings.map((warning) => {
          const key = `${warning.kind}-${warning.sessionIds.join("-")}-${"speakerId" in warning ? warning.speakerId : ""}`;
          switch (warning.kind) {
            case "room_overlap":
              return (
                <li key={key}>
                  {t("programme.warnings.roomOverlap", { room: names.rooms.find((room) => room.id === warning.roomId)?.name[language] ?? "" })}{" "}
                  {link(warning.sessionIds[0])}, {link(warning.sessionIds[1])}
                </li>
              );
            case "speaker_overlap":
              return (
                <li key={key}>
                  {t("programme.warnings.speakerOverlap", { speaker: names.speakers.find((speaker) => speaker.id === warning.speakerId)?.name ?? "" })}{" "}
                  {link(warning.sessionIds[0])}, {link(warning.sessionIds[1])}
                </li>
              );
            case "starts_before_day":
              return <li key={key}>{t("programme.warnings.startsBeforeDay")} {link(warning.sessionIds[0])}</li>;
            case "ends_after_day":
              return <li key={key}>{t("programme.warnings.endsAfterDay")} {link(warning.sessionIds[0])}</li>;
            case "room_too_small":
              return (
                <li key={key}>
                  {t("programme.warnings.roomTooSmall", {
                    room: names.rooms.find((room) => room.id === warning.roomId)?.name[language] ?? "",
                    roomCapacity: warning.roomCapacity,
                    capacity: warning.capacity,
                  })}{" "}
                  {link(warning.sessionIds[0])}
                </li>
              );
          }
        })}
      </ul>
    </section>
  );
}
