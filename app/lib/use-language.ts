import { useLocation, useRouteLoaderData } from "react-router";
import { isLanguage, type Language } from "~/i18n/languages";
import { translator, type Translate } from "~/i18n/translate";

/** The language of the page being shown: the root loader's, or the URL's when it failed. */
export function useLanguage(): Language {
  const root = useRouteLoaderData<{ language: Language }>("root");
  const { pathname } = useLocation();
  if (root) return root.language;
  const prefix = pathname.split("/")[1];
  return isLanguage(prefix) ? prefix : "fr";
}

export function useTranslate(): Translate {
  return translator(useLanguage());
}
