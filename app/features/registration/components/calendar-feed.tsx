import { Form } from "react-router";
import { CsrfField } from "~/features/accounts/csrf-field";
import { useTranslate } from "~/lib/use-language";
import { Hidden } from "./hidden";

/** Creates, renews or revokes the person's private calendar feed. */
export function CalendarFeed({ hasFeed, csrfToken }: { hasFeed: boolean; csrfToken: string }) {
  const t = useTranslate();
  return (
    <section aria-labelledby="calendar">
      <h2 id="calendar">{t("space.feed")}</h2>
      <p>{t("space.feedHelp")}</p>
      <Form method="post">
        <CsrfField token={csrfToken} />
        <Hidden values={{ intent: "create_feed" }} />
        <button type="submit" className="button">
          {t(hasFeed ? "space.feedRenew" : "space.feedCreate")}
        </button>
      </Form>
      {hasFeed && (
        <Form method="post">
          <CsrfField token={csrfToken} />
          <Hidden values={{ intent: "revoke_feed" }} />
          <button type="submit" className="button button--secondary">
            {t("space.feedRevoke")}
          </button>
        </Form>
      )}
    </section>
  );
}
