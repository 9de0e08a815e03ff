// A module resolution hook for the production server (registered by server.js). React Router's
// package.json points every import at its development build (dist/development), whatever
// NODE_ENV says (remix-run/react-router#12532, #14102): its dev warnings and checks then run
// on every request. This sends those imports to the same file of dist/production, which the
// package ships beside it, so that the application and @react-router/node share one copy.
const development = "/node_modules/react-router/dist/development/";
const production = "/node_modules/react-router/dist/production/";

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (!resolved.url.includes(development)) return resolved;
  return { ...resolved, url: resolved.url.replace(development, production) };
}
