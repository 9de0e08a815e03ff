import type { RequestHandler } from "express";
import type { Environment } from "~/lib/env.server";

// Powerful browser features the site does not use are off for it and anything it embeds. The
// camera stays allowed to the site's own pages, for a badge scanner at check-in.
const permissionsPolicy = [
  "camera=(self)",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "hid=()",
  "midi=()",
  "display-capture=()",
  "screen-wake-lock=()",
  "accelerometer=()",
  "gyroscope=()",
  "magnetometer=()",
].join(", ");

/** Headers of every answer of the production server. */
export function securityHeaderValues(env: Pick<Environment, "PUBLIC_URL">): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // Pages ship no inline script; a route that hydrates must bring a nonce along with it.
    "Content-Security-Policy":
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    "Permissions-Policy": permissionsPolicy,
    "Cross-Origin-Opener-Policy": "same-origin",
    // Served at an https address, browsers must never come back over plain http.
    ...(new URL(env.PUBLIC_URL).protocol === "https:" ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

export function securityHeaders(env: Pick<Environment, "PUBLIC_URL">): RequestHandler {
  const headers = Object.entries(securityHeaderValues(env));
  return (_request, response, next) => {
    for (const [name, value] of headers) response.setHeader(name, value);
    next();
  };
}
