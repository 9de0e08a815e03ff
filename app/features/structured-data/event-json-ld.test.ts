import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { listSessions } from "~/features/programme/programme.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { eventJsonLd, JsonLd, serializeJsonLd } from "./event-json-ld";

const publicUrl = "https://rencontres.example.org";

describe.each(databaseKinds)("event structured data on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });

  async function load(year: number) {
    const edition = await getEdition(database().db, year);
    return { edition, sessions: await listSessions(database().db, edition.id) };
  }

  it("describes the 2026 edition as an offline event in Paris, organised by Cités Unies France", async () => {
    const { edition, sessions } = await load(2026);
    const event = eventJsonLd({ edition, sessions, language: "en", publicUrl });
    expect(event).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Event",
      name: "Paris Meeting of local authorities in international action 2026",
      description: "Local authorities in the new world order",
      startDate: "2026-07-08T13:00:00+02:00",
      endDate: "2026-07-09T17:30:00+02:00",
      eventStatus: "https://schema.org/EventScheduled",
      eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
      location: {
        "@type": "Place",
        name: "Salons de l'Hôtel des Arts & Métiers",
        address: {
          "@type": "PostalAddress",
          streetAddress: "9bis, avenue d'Iéna",
          postalCode: "75116",
          addressLocality: "Paris",
          addressCountry: "FR",
        },
        geo: { "@type": "GeoCoordinates", latitude: 48.8652, longitude: 2.2944 },
      },
      inLanguage: "en",
      url: `${publicUrl}/en/2026`,
    });
    expect(event.organizer).toEqual([{ "@type": "Organization", name: "Cités Unies France", url: "https://cites-unies-france.org/" }]);
  });

  it("lists every session as a subEvent with its room, times and page", async () => {
    const { edition, sessions } = await load(2026);
    const event = eventJsonLd({ edition, sessions, language: "fr", publicUrl });
    expect(event.subEvent).toHaveLength(sessions.length);
    const opening = sessions.find((s) => s.kind === "opening");
    expect(event.subEvent.find((sub) => sub.url.endsWith(`/${opening?.id}`))).toEqual({
      "@type": "Event",
      name: "Ouverture officielle des Rencontres",
      startDate: "2026-07-08T14:00:00+02:00",
      endDate: "2026-07-08T14:30:00+02:00",
      location: { "@type": "Place", name: "Grand salon", address: event.location.address },
      url: `${publicUrl}/fr/2026/seances/${opening?.id}`,
    });
    const welcome = event.subEvent[0];
    expect(welcome?.location.name).toBe("Salons de l'Hôtel des Arts & Métiers");
  });

  it("falls back to the edition's days before any session is planned", async () => {
    const { edition } = await load(2025);
    const event = eventJsonLd({ edition, sessions: [], language: "fr", publicUrl });
    expect([event.startDate, event.endDate, event.subEvent]).toEqual(["2025-07-04", "2025-07-04", []]);
  });
});

describe("JSON-LD script", () => {
  const data = { name: "</script><script>alert(1)</script> <!-- & \u2028", list: [1, "two"] };

  it("escapes what could end the script element, and reads back unchanged", () => {
    const json = serializeJsonLd(data);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(data);
  });

  it("renders one application/ld+json script", () => {
    const html = renderToStaticMarkup(createElement(JsonLd, { data }));
    expect(html).toBe(`<script type="application/ld+json">${serializeJsonLd(data)}</script>`);
    expect(html.match(/<\/script/g)).toHaveLength(1);
  });
});
