import type { IncomingMessage, ServerResponse } from "node:http";
import { maxImageBytes } from "~/features/media/media";
import { backOfficeSections, type BackOfficeSection } from "~/features/organisers/sections";
import { isLanguage, languages, preferredLanguage } from "~/i18n/languages";
import { translate, type MessageKey } from "~/i18n/translate";
import { segments } from "~/lib/paths";

// Checks every request before React Router sees it, so that no route can be made to read a huge
// body, parse what is not a form, or answer 500 to a method it never expected.

/** Largest request body accepted: forms, apart from the uploads below. */
export const maxBodyBytes = 1024 * 1024;
/** Largest multipart body on a page that uploads images: one image and the rest of its form. */
export const maxUploadBodyBytes = maxImageBytes + 1024 * 1024;

/** Back-office sections whose forms upload an image (`ImageField`); an editor that adds one adds its key. */
const uploadSections: readonly BackOfficeSection[] = ["partners", "programme"];
const uploadPaths = languages.flatMap((language) =>
  backOfficeSections
    .filter((section) => uploadSections.includes(section.key))
    .map((section) => new RegExp(`^/${language}/\\d{4}/${segments.organisers[language]}/${section.segment[language]}(?:/|$)`)),
);

/** The most a POST to `path` of `mediaType` may carry: more for a multipart form on an upload page. */
export function bodyLimit(path: string, mediaType: string): number {
  return mediaType === "multipart/form-data" && uploadPaths.some((pattern) => pattern.test(path)) ? maxUploadBodyBytes : maxBodyBytes;
}
/** Most fields a form may have (the registration form has a few dozen). */
export const maxFormFields = 1000;

const allowedMethods = ["GET", "HEAD", "POST"];
const formTypes = ["application/x-www-form-urlencoded", "multipart/form-data"];

type Refusal = "payloadTooLarge" | "unsupportedMediaType" | "malformedForm" | "methodNotAllowed";
const statuses: Record<Refusal, number> = { payloadTooLarge: 413, unsupportedMediaType: 415, malformedForm: 400, methodNotAllowed: 405 };

/**
 * The 405 answer to a method no route handles, or undefined. Called on Node's request as well,
 * since fetch's Request cannot even be made with TRACE.
 */
export function refuseMethod(method: string, path: string, acceptLanguage: string | null): Response | undefined {
  if (allowedMethods.includes(method)) return undefined;
  return refuse({ path, acceptLanguage }, "methodNotAllowed");
}

const about = (request: Request) => ({
  path: new URL(request.url).pathname,
  acceptLanguage: request.headers.get("Accept-Language"),
});

/** How much of an unread body is discarded after the answer, and for how long, before hanging up. */
export const lingering = { bytes: 8 * 1024 * 1024, milliseconds: 5000 };

/**
 * Once an answer is sent before its request's body was read (a 413, say), reads and discards the
 * rest for a while instead of closing at once: a connection closed on a client still sending is
 * reset, and the reset often destroys the answer before the browser shows it (nginx's "lingering
 * close"). Node's parser then finds the next request on the connection where the body ends. A
 * body that goes on past `lingering` ends the connection.
 */
export function lingerOverUnreadBody(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  // A client that sends `Connection: close` with a body would otherwise be hung up on as soon as
  // the answer is written: the connection stays open for it to close once it has read the answer.
  if (request.headers["content-length"] !== undefined || request.headers["transfer-encoding"] !== undefined) response.shouldKeepAlive = true;
  response.once("finish", () => {
    if (request.complete || request.destroyed) return;
    let discarded = 0;
    const hangUp = () => request.socket.destroy();
    const timer = setTimeout(hangUp, lingering.milliseconds).unref();
    request.on("data", (chunk: Buffer) => {
      discarded += chunk.byteLength;
      if (discarded > lingering.bytes) hangUp();
    });
    request.once("close", () => clearTimeout(timer));
    request.resume();
  });
  next();
}

/** A short plain page in the reader's language: these answers come before any page can render. */
function refuse(request: { path: string; acceptLanguage: string | null }, refusal: Refusal): Response {
  const prefix = request.path.split("/")[1];
  const language = isLanguage(prefix) ? prefix : preferredLanguage(request.acceptLanguage);
  const t = (part: "title" | "text") => translate(language, `error.${refusal}.${part}` as MessageKey);
  const headers = new Headers({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Content-Language": language });
  if (refusal === "methodNotAllowed") headers.set("Allow", allowedMethods.join(", "));
  return new Response(`${t("title")}\n\n${t("text")}\n`, { status: statuses[refusal], headers });
}

/** The body, or undefined as soon as it grows past `limit` (the rest is never read). */
async function readAtMost(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Refuses a request whose body is left unread, letting go of the body first: a body stream still
 * held would keep pausing the request, and the discarding after the answer (lingerOverUnreadBody)
 * would stall until it hangs up on the client.
 */
async function refuseUnread(request: Request, refusal: Refusal): Promise<Response> {
  await request.body?.cancel().catch(() => undefined);
  return refuse(about(request), refusal);
}

/**
 * The request React Router may handle (a POST with its form read, checked and kept in memory),
 * or the answer that refuses it: 405 to another method, 415 to a POST that is not a form, 413 to
 * a body over its limit (`bodyLimit`) or `maxFormFields`, 400 to a form that does not parse.
 */
export async function admitRequest(request: Request): Promise<Request | Response> {
  const wrongMethod = refuseMethod(request.method, new URL(request.url).pathname, request.headers.get("Accept-Language"));
  if (wrongMethod) return wrongMethod;
  if (request.method !== "POST") return request;
  const contentType = request.headers.get("Content-Type") ?? "";
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!formTypes.includes(mediaType)) return refuseUnread(request, "unsupportedMediaType");
  const limit = bodyLimit(new URL(request.url).pathname, mediaType);
  const declaredLength = Number(request.headers.get("Content-Length") ?? 0);
  if (!(declaredLength <= limit)) return refuseUnread(request, "payloadTooLarge");
  const body = request.body ? await readAtMost(request.body, limit) : new Uint8Array(0);
  if (!body) return refuse(about(request), "payloadTooLarge");
  let fields: number;
  try {
    fields = [...(await new Response(body, { headers: { "Content-Type": contentType } }).formData()).keys()].length;
  } catch {
    return refuse(about(request), "malformedForm");
  }
  if (fields > maxFormFields) return refuse(about(request), "payloadTooLarge");
  return new Request(request.url, { method: "POST", headers: request.headers, body, signal: request.signal });
}
