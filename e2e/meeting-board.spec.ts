import ICAL from "ical.js";
import { signInToBackOffice } from "./back-office";
import { check, expect, mailedLink, test, useExtraServer } from "./fixtures";
import { registerAs } from "./participants";

// A server whose clock stands inside the 2026 registration window (requests open), with a
// secret for calendar feeds; the demo has published profiles and the tables of the partners' area.
const origin = useExtraServer(1300, {
  CLOCK_AT: "2026-04-20T10:00:00+02:00",
  SECRET_KEY: "an-end-to-end-secret-of-forty-characters",
  E2E_OWNERS: "board-desktop@example.org,board-phone@example.org",
});

const texts = {
  en: {
    profile: "/en/2026/meetings/my-profile",
    directory: "/en/2026/meetings",
    requests: "/en/2026/meetings/requests",
    board: "/en/2026/organisers/meeting-board",
    space: "/en/my-space",
    consent: /I agree that my profile/,
    availability: "B2B blocks I cannot attend",
    save: "Save my profile",
    words: "Name, organisation, city, region or words of a profile",
    search: "Search",
    ask: "Ask Salimata Ouédraogo for a meeting",
    must: "must meet",
    send: "Send my request",
    schedule: "Schedule",
    scheduled: /^The schedule is written: \d+ of \d+ accepted requests placed\.$/,
    publish: "Publish and e-mail participants",
    published: /^Published: \d+ people were written to\.$/,
    grid: /^Meetings of B2B meetings/,
    myMeetings: "My meetings",
    agenda: /B2B meeting with Salimata Ouédraogo, Table \d+/,
    feed: "My agenda in my calendar",
    createFeed: "Create my private calendar address",
    summary: "B2B meeting with Salimata Ouédraogo",
    cancelled: "Salimata Ouédraogo cancelled your meeting",
    cafes: "/en/2026/cafes",
    book: (time: string) => `Book table 1 at ${time}`,
    clash: "You have a B2B meeting at that time: choose another round.",
  },
  fr: {
    profile: "/fr/2026/rendez-vous/mon-profil",
    directory: "/fr/2026/rendez-vous",
    requests: "/fr/2026/rendez-vous/demandes",
    board: "/fr/2026/organisation/planning-b2b",
    space: "/fr/espace",
    consent: /J’accepte que mon profil/,
    availability: "Créneaux B2B où je ne suis pas disponible",
    save: "Enregistrer mon profil",
    words: "Nom, organisation, ville, région ou mots d’un profil",
    search: "Chercher",
    ask: "Demander un rendez-vous à Salimata Ouédraogo",
    must: "rencontre indispensable",
    send: "Envoyer ma demande",
    schedule: "Calculer le planning",
    scheduled: /^Le planning est écrit\u202f: \d+ demandes acceptées placées sur \d+\.$/,
    publish: "Publier et écrire aux participants",
    published: /^Publié\u202f: \d+ personnes ont reçu un courriel\.$/,
    grid: /^Rendez-vous de Rencontres B2B/,
    myMeetings: "Mes rendez-vous",
    agenda: /Rendez-vous B2B avec Salimata Ouédraogo, Table \d+/,
    feed: "Mon agenda dans mon calendrier",
    createFeed: "Créer mon adresse de calendrier privée",
    summary: "Rendez-vous B2B avec Salimata Ouédraogo",
    cancelled: "Salimata Ouédraogo a annulé votre rendez-vous",
    cafes: "/fr/2026/cafes",
    book: (time: string) => `Réserver la table 1 à ${time}`,
    clash: "Vous avez un rendez-vous B2B à ce moment-là\u202f: choisissez un autre tour.",
  },
} as const;

test("two participants agree to meet, an organiser schedules and publishes, both see the meeting in their space and calendar, a café seat at that time is refused, and one cancels", async ({ page, browser, visit }, testInfo) => {
  // Three people sign in, one registers, the engine runs: long on a busy machine.
  test.setTimeout(300_000);
  const language = testInfo.project.name === "desktop" ? "en" : "fr";
  const t = texts[language];
  const family = `Nasser-${testInfo.project.name}`;
  const address = `board-participant-${testInfo.project.name}@example.org`;
  await registerAs(page, origin, language, address, family);

  // She publishes her profile, free only during the B2B block of 9 July at 14:30.
  await visit(origin + t.profile);
  await page.getByLabel(t.consent).check();
  const blocks = page.getByRole("group", { name: t.availability }).getByRole("checkbox");
  for (const block of await blocks.all()) {
    const label = (await block.locator("xpath=..").textContent()) ?? "";
    if (!/9 (July|juillet) 2026.*14:30/.test(label)) await block.check();
  }
  await page.getByRole("button", { name: t.save }).click();
  await check(page);

  // She asks Salimata Ouédraogo, who accepts in French from her own browser.
  await visit(origin + t.directory);
  await page.getByLabel(t.words).fill("salimata ouedraogo");
  await page.getByRole("button", { name: t.search }).click();
  await page.getByRole("link", { name: t.ask }).click();
  await page.getByLabel(t.must).check();
  await page.getByRole("button", { name: t.send }).click();
  await check(page);
  const hers = await browser.newContext();
  const other = await hers.newPage();
  await other.goto(`${origin}/fr/connexion`);
  await other.getByLabel("Adresse électronique").fill("salimata.ouedraogo@example.org");
  await other.getByRole("button", { name: "M'envoyer un lien de connexion" }).click();
  await other.goto(await mailedLink(page, origin, "salimata.ouedraogo@example.org", "connexion"));
  await other.getByRole("button", { name: "Se connecter", exact: true }).click();
  await other.goto(`${origin}/fr/2026/rendez-vous/demandes`);
  await other.getByRole("button", { name: `Accepter de rencontrer Nadia ${family}` }).click();
  await expect(other.getByRole("status")).toContainText("Vous avez accepté le rendez-vous");

  // An organiser schedules the accepted requests and publishes the schedule.
  const organiser = await browser.newContext();
  const desk = await organiser.newPage();
  const visitDesk = async (url: string) => {
    await desk.goto(url);
    await check(desk);
  };
  await signInToBackOffice(desk, visitDesk, origin, `board-${testInfo.project.name}@example.org`, language);
  await visitDesk(origin + t.board);
  await desk.getByRole("button", { name: t.schedule }).click();
  await expect(desk.getByRole("status")).toHaveText(t.scheduled);
  await check(desk);
  // Her block is the third one of the programme: the grid of that block shows the meeting.
  await desk.getByRole("link", { name: /(9 July|9 juillet) 2026.*14:30/ }).click();
  await expect(desk.getByRole("table", { name: t.grid })).toContainText(`Nadia ${family}`);
  await check(desk);
  await desk.getByRole("button", { name: t.publish }).click();
  await expect(desk.getByRole("status")).toHaveText(t.published);
  await check(desk);
  await organiser.close();

  // She sees it on her requests page, in her agenda and in her calendar feed, on the Paris clock.
  await visit(origin + t.requests);
  await expect(page.getByRole("region", { name: t.myMeetings })).toContainText("Salimata Ouédraogo");
  await visit(origin + t.space);
  await expect(page.getByText(t.agenda)).toBeVisible();
  const feed = page.getByRole("region", { name: t.feed });
  await feed.getByRole("button", { name: t.createFeed }).click();
  const feedUrl = (await feed.locator("code").textContent()) ?? "";
  const calendar = new ICAL.Component(ICAL.parse(await (await page.request.get(feedUrl)).text()));
  const meetings = calendar
    .getAllSubcomponents("vevent")
    .map((component) => new ICAL.Event(component))
    .filter((event) => event.summary === t.summary);
  expect(meetings).toHaveLength(1);
  const starts = meetings[0]!.startDate.toString();
  expect(starts).toMatch(/^2026-07-09T(14:30|14:50|15:10):00$/);
  await check(page);

  // A café seat in the round of her meeting is refused (café rounds of 30 minutes from 14:30).
  await visit(origin + t.cafes);
  await page.getByRole("button", { name: t.book(starts.endsWith("15:10:00") ? "15:00" : "14:30") }).click();
  await expect(page.getByRole("alert")).toHaveText(t.clash);
  await check(page);

  // Salimata sees it too, and cancels; Nadia is told in her language.
  await other.goto(`${origin}/fr/2026/rendez-vous/demandes`);
  const herMeetings = other.getByRole("region", { name: "Mes rendez-vous" });
  await expect(herMeetings).toContainText(`Nadia ${family}`);
  await check(other);
  await herMeetings.getByRole("button", { name: `Annuler le rendez-vous avec Nadia ${family}` }).click();
  await expect(other.getByRole("status")).toHaveText("Le rendez-vous est annulé\u202f; l’autre partie est prévenue.");
  await check(other);
  await hers.close();
  await page.goto(`${origin}/dev/mailbox`);
  await expect(page.getByRole("row").filter({ hasText: address }).filter({ hasText: t.cancelled })).toHaveCount(1);
});
