import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router";
import type { Language } from "~/i18n/languages";

/**
 * The HTML the server sends for `element` on a page in `language`: inside a router whose root
 * route answers the language, as `useLanguage` reads it, so that links and forms render too.
 */
export async function renderOnPage(element: ReactElement, language: Language): Promise<string> {
  const handler = createStaticHandler([{ id: "root", path: "/", loader: () => ({ language }), element }]);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error(`the page answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToStaticMarkup(createElement(StaticRouterProvider, { router, context, hydrate: false }));
}
