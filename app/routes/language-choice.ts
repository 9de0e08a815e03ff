import { redirect } from "react-router";
import type { Route } from "./+types/language-choice";
import { preferredLanguage } from "~/i18n/languages";
import { paths } from "~/lib/paths";

/** `/` sends each visitor to the site in the language their browser prefers. */
export function loader({ request }: Route.LoaderArgs) {
  const language = preferredLanguage(request.headers.get("accept-language"));
  return redirect(paths.home(language), { headers: { Vary: "Accept-Language", "Cache-Control": "no-cache" } });
}
