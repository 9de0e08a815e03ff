import { createElement } from "react";
import { isoWithOffset } from "~/features/calendar/zoned-time";
import type { Edition } from "~/features/editions/editions.server";
import type { Session } from "~/features/programme/programme.server";
import type { Language } from "~/i18n/languages";
import { paths } from "~/lib/paths";
import { localisedString } from "~/lib/localised";

// schema.org Event of an edition, for search engines (https://schema.org/Event).

export type EventEdition = Pick<Edition, "year" | "title" | "theme" | "time_zone" | "days" | "venue" | "supporters">;

interface EventInput {
  edition: EventEdition;
  sessions: readonly Session[];
  language: Language;
  /** Origin of the public site, without a trailing slash. */
  publicUrl: string;
}

/** The edition as an Event, with one subEvent per session; texts in the reader's language. */
export function eventJsonLd({ edition, sessions, language, publicUrl }: EventInput) {
  const zone = edition.time_zone;
  const { venue } = edition;
  const address = {
    "@type": "PostalAddress",
    streetAddress: venue.street_address,
    postalCode: venue.postal_code,
    addressLocality: venue.locality,
    addressCountry: venue.country_code,
  };
  const starts = sessions.map((s) => s.starts_at.getTime());
  const ends = sessions.map((s) => s.ends_at.getTime());
  // Without a programme yet, the edition's days are all that is known.
  const startDate = starts.length > 0 ? isoWithOffset(new Date(Math.min(...starts)), zone) : edition.days[0];
  const endDate = ends.length > 0 ? isoWithOffset(new Date(Math.max(...ends)), zone) : edition.days.at(-1);
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: `${localisedString(edition.title, language)} ${edition.year}`,
    description: localisedString(edition.theme, language),
    startDate,
    endDate,
    eventStatus: "https://schema.org/EventScheduled",
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    location: {
      "@type": "Place",
      name: venue.name,
      address,
      ...(venue.latitude !== null && venue.longitude !== null
        ? { geo: { "@type": "GeoCoordinates", latitude: venue.latitude, longitude: venue.longitude } }
        : {}),
      ...(venue.website ? { url: venue.website } : {}),
    },
    organizer: edition.supporters
      .filter((supporter) => supporter.role === "organiser")
      .map((supporter) => ({
        "@type": "Organization",
        name: localisedString(supporter.name, language),
        ...(supporter.website ? { url: supporter.website } : {}),
      })),
    // The language of this description: the event itself is held for readers of both.
    inLanguage: language,
    url: publicUrl + paths.edition(language, edition.year),
    subEvent: sessions.map((session) => ({
      "@type": "Event",
      name: localisedString(session.title, language),
      startDate: isoWithOffset(session.starts_at, zone),
      endDate: isoWithOffset(session.ends_at, zone),
      location: { "@type": "Place", name: session.room?.name[language] ?? venue.name, address },
      url: publicUrl + paths.session(language, edition.year, session.id),
    })),
  };
}

/** JSON that cannot end its <script> element nor open a comment or CDATA inside it. */
export function serializeJsonLd(data: object): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Structured data for search engines, to place anywhere in a page. */
export function JsonLd({ data }: { data: object }) {
  return createElement("script", { type: "application/ld+json", dangerouslySetInnerHTML: { __html: serializeJsonLd(data) } });
}
