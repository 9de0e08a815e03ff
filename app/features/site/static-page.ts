import { data } from "react-router";
import { handleErrors, publicPageHeaders, routeLanguage } from "~/lib/http.server";

/** Loader of a page whose whole text lives in the code: only the language varies. */
export function staticPageLoader({ request }: { request: Request }) {
  return handleErrors(async () => data({ language: routeLanguage(request) }, { headers: publicPageHeaders(86_400) }));
}
