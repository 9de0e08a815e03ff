import { useTranslate } from "~/lib/use-language";
import type { Refusal } from "./refusal.server";

/** Explains why a form was refused (see answerRefusals). */
export function RefusalMessage({ refusal }: { refusal: Refusal }) {
  const t = useTranslate();
  const [title, text] =
    refusal === "forbidden"
      ? [t("accounts.error.forbiddenTitle"), t("accounts.error.forbidden")]
      : [t("accounts.error.rateLimitedTitle"), t("accounts.error.rateLimited")];
  return (
    <div className="notice notice--closed" role="alert">
      <h2>{title}</h2>
      <p>{text}</p>
    </div>
  );
}
