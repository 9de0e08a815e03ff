import { Form } from "react-router";
import { CsrfField } from "~/features/accounts/csrf-field";
import { useTranslate } from "~/lib/use-language";
import { Hidden } from "./hidden";

/** The person's private calendar feed as their space shows it (see calendarFeedView). */
export type CalendarFeedView =
  | { state: "none" }
  | { state: "lost" }
  | { state: "open"; url: string; webcal: string; google: string; outlook: string };

/**
 * The person's private calendar feed, in its own section: the address to copy, links that
 * subscribe calendar applications to it, the agenda to download, and, second, replacing or
 * revoking it. The copy button needs the Clipboard API: hidden until /copy-address.js shows it.
 */
export function CalendarFeed({ feed, csrfToken }: { feed: CalendarFeedView; csrfToken: string }) {
  const t = useTranslate();
  const replace = (
    <Form method="post" className="inline-form">
      <CsrfField token={csrfToken} />
      <Hidden values={{ intent: "replace_feed" }} />
      <label>
        <input type="checkbox" name="confirm" value="yes" /> {t("space.feedReplaceConfirm")}
      </label>{" "}
      <button type="submit" className="button button--secondary">
        {t("space.feedRenew")}
      </button>
    </Form>
  );
  return (
    <section aria-labelledby="calendar">
      <h2 id="calendar">{t("space.feed")}</h2>
      <p>{t("space.feedHelp")}</p>
      {feed.state === "none" && (
        <Form method="post">
          <CsrfField token={csrfToken} />
          <Hidden values={{ intent: "create_feed" }} />
          <button type="submit" className="button">
            {t("space.feedCreate")}
          </button>
        </Form>
      )}
      {feed.state === "lost" && <p className="notice">{t("space.feedLost")}</p>}
      {feed.state === "open" && (
        <>
          <h3 id="feed-address-label">{t("space.feedAddress")}</h3>
          <p>
            <code id="feed-address" className="secret">
              {feed.url}
            </code>
          </p>
          <p>
            <button type="button" className="button button--secondary" hidden data-copy="feed-address" data-copy-status="feed-copied">
              {t("space.feedCopy")}
            </button>{" "}
            <span id="feed-copied" role="status" data-done={t("space.feedCopied")}></span>
          </p>
          <ul className="actions">
            <li>
              <a className="button" href={feed.webcal}>
                {t("space.feedWebcal")}
              </a>
            </li>
            <li>
              <a className="button button--secondary" href={feed.google} rel="noopener noreferrer">
                {t("space.feedGoogle")}
              </a>
            </li>
            <li>
              <a className="button button--secondary" href={feed.outlook} rel="noopener noreferrer">
                {t("space.feedOutlook")}
              </a>
            </li>
            <li>
              <a className="button button--secondary" href={feed.url} download="agenda.ics">
                {t("space.feedDownload")}
              </a>
            </li>
          </ul>
          <script src="/copy-address.js" defer />
        </>
      )}
      {feed.state !== "none" && (
        <>
          {replace}
          <Form method="post" className="inline-form">
            <CsrfField token={csrfToken} />
            <Hidden values={{ intent: "revoke_feed" }} />
            <button type="submit" className="button button--secondary">
              {t("space.feedRevoke")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
