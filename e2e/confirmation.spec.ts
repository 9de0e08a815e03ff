import type { Page } from "@playwright/test";
import { check, expect, mailedLink, test, useExtraServer } from "./fixtures";

// A server whose clock stands inside the 2026 registration window, with a secret for feed addresses.
const origin = useExtraServer(5000, { CLOCK_AT: "2026-04-20T10:00:00+02:00", SECRET_KEY: "an-end-to-end-secret-of-forty-characters" });

async function signInByMail(page: Page, address: string) {
  await page.getByLabel("E-mail address").fill(address);
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await page.goto(await mailedLink(page, origin, address));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a registration shows its summary, and the calendar feed keeps its own section after a reload", async ({ page, context }, testInfo) => {
  test.slow();
  const address = `confirmed-${testInfo.project.name}@example.org`;
  await page.goto(`${origin}/en/2026/register`);
  await signInByMail(page, address);
  await page.getByLabel("First name").fill("Lina");
  await page.getByLabel("Last name").fill("Haddad");
  await page.getByLabel("Taking part as").selectOption("participant");
  await page.getByLabel("Type of organisation").selectOption("foreign_local_authority");
  await page.getByLabel("Name of the organisation").fill("Ville de Tunis");
  await page.getByLabel("Country").selectOption("TN");
  await page.getByRole("group", { name: /Will you attend the lunch/ }).getByLabel("Yes").check();
  await page.getByLabel(/I agree to appear in photos/).check();
  await page.getByRole("button", { name: "Register" }).click();

  // Post/Redirect/Get, onto the summary of the registration.
  await expect(page).toHaveURL(new RegExp(`^${origin}/en/my-space\\?done=registered#registration-\\d+$`));
  await expect(page.getByRole("status")).toHaveText("Your registration is recorded: here is its summary. A confirmation is on its way by e-mail.");
  const summary = page.getByRole("region", { name: "My registration for the Rencontres 2026" });
  const reference = (await summary.getByText(/^R26-[2-9A-HJ-NP-Z]{4}$/).textContent()) ?? "";
  expect(reference).toMatch(/^R26-/);
  await expect(summary.getByText("Your place is confirmed: there is nothing more to do.", { exact: false })).toBeVisible();
  await expect(summary.getByText("Will you attend the lunch? — Yes")).toBeVisible();
  await expect(summary.getByText(/I agree to appear in photos .* \(given on 20 April 2026\)/)).toBeVisible();
  await expect(summary.getByText("No workshop yet.")).toBeVisible();
  await check(page);

  // The confirmation e-mail carries the same reference.
  await page.goto(`${origin}/dev/mailbox`);
  await page.getByRole("row").filter({ hasText: address }).filter({ hasText: "is confirmed" }).getByRole("link").first().click();
  await expect(page.locator("pre").first()).toContainText(`Your reference: ${reference}`);
  await expect(page.locator("pre").first()).toContainText(`${origin}/en/my-space`);

  // The feed section: created once, then there at every visit.
  await page.goto(`${origin}/en/my-space`);
  const feed = page.getByRole("region", { name: "My agenda in my calendar" });
  await feed.getByRole("button", { name: "Create my private calendar address" }).click();
  await expect(page).toHaveURL(`${origin}/en/my-space?done=feed#calendar`);
  const feedUrl = (await feed.locator("code").textContent()) ?? "";
  expect(feedUrl).toMatch(new RegExp(`^${origin}/calendar/[\\w-]{43}/agenda\\.ics$`));
  const webcal = feedUrl.replace(/^http:/, "webcal:");
  await expect(feed.getByRole("link", { name: "Subscribe from my calendar application" })).toHaveAttribute("href", webcal);
  await expect(feed.getByRole("link", { name: "Add to Google Calendar" })).toHaveAttribute(
    "href",
    `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}`,
  );
  await expect(feed.getByRole("link", { name: "Add to Outlook" })).toHaveAttribute("href", new RegExp(`^https://outlook\\.live\\.com/calendar/0/addfromweb\\?url=${encodeURIComponent(feedUrl).replace(/\./g, "\\.")}&name=`));
  await expect(feed.getByRole("link", { name: "Download my agenda (.ics)" })).toHaveAttribute("href", feedUrl);
  await check(page);

  await page.reload();
  await expect(feed.locator("code")).toHaveText(feedUrl);
  await expect(feed.getByRole("link", { name: "Subscribe from my calendar application" })).toHaveAttribute("href", webcal);
  const calendar = await page.request.get(feedUrl);
  expect(calendar.headers()["content-type"]).toContain("text/calendar");
  expect(await calendar.text()).toContain("BEGIN:VCALENDAR");

  // With JavaScript, a button copies the address.
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  await feed.getByRole("button", { name: "Copy the address" }).click();
  await expect(feed.getByRole("status")).toHaveText("Address copied.");

  // Replacing the address is asked for: without the box ticked, nothing changes.
  await feed.getByRole("button", { name: "Replace my private calendar address" }).click();
  await expect(page.getByRole("alert")).toHaveText("Tick the box to confirm.");
  await expect(feed.locator("code")).toHaveText(feedUrl);
  await check(page);
  await feed.getByLabel(/I understand that the current address will stop working/).check();
  await feed.getByRole("button", { name: "Replace my private calendar address" }).click();
  await expect(page).toHaveURL(`${origin}/en/my-space?done=feed#calendar`);
  await expect(feed.locator("code")).not.toHaveText(feedUrl);
  expect((await page.request.get(feedUrl)).status()).toBe(404);
});

test("without JavaScript, the address is there to copy and the copy button is not", async ({ page: signingIn, browser }, testInfo) => {
  // Signed in where the mailbox's accessibility check can run, then on without JavaScript.
  const address = `no-script-${testInfo.project.name}@example.org`;
  await signingIn.goto(`${origin}/en/2026/register`);
  await signInByMail(signingIn, address);
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await signingIn.context().storageState() });
  const page = await context.newPage();
  await page.goto(`${origin}/en/2026/register`);
  await page.getByLabel("First name").fill("Omar");
  await page.getByLabel("Last name").fill("Benali");
  await page.getByLabel("Taking part as").selectOption("participant");
  await page.getByLabel("Type of organisation").selectOption("commune");
  await page.getByLabel("Name of the organisation").fill("Ville de Lyon");
  await page.getByLabel("Country").selectOption("FR");
  await page.getByRole("group", { name: /Will you attend the lunch/ }).getByLabel("No").check();
  await page.getByRole("button", { name: "Register" }).click();
  const feed = page.getByRole("region", { name: "My agenda in my calendar" });
  await feed.getByRole("button", { name: "Create my private calendar address" }).click();
  await expect(feed.locator("code")).toHaveText(/\/calendar\/[\w-]{43}\/agenda\.ics$/);
  await expect(feed.getByRole("button", { name: "Copy the address" })).toBeHidden();
  await expect(feed.getByRole("link", { name: "Download my agenda (.ics)" })).toBeVisible();
  await context.close();
});
