import { describe, expect, it } from "vitest";
import { catalogues } from "~/i18n/translate";
import { languages } from "~/i18n/languages";
import { AppError, appErrors, type ErrorCode } from "./errors";
import { handleActionErrors, handleErrors } from "./http.server";

const codes = Object.keys(appErrors) as ErrorCode[];

describe("the table of error codes", () => {
  it.each(codes)("gives %s a client-error status and a message in every language", (code) => {
    const { status, message } = appErrors[code];
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    for (const language of languages) expect(catalogues[language][message]?.trim(), `${code} in ${language}`).toBeTruthy();
  });

  it("names codes in snake_case, one cause each (no generic catch-all left)", () => {
    for (const code of codes) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    for (const generic of ["forbidden", "conflict", "bad_request"]) expect(codes).not.toContain(generic);
  });
});

/** Status and body of what a wrapper answered or threw: `data(…)`. */
function answer(result: unknown): { status: number | undefined; body: unknown } {
  const value = result as { init?: ResponseInit | null; data?: unknown };
  return { status: value.init?.status ?? undefined, body: value.data };
}

describe("the wrappers", () => {
  it("turn a code thrown by a loader into a thrown response with its status and message", async () => {
    const thrown = await handleErrors(() => Promise.reject(new AppError("session_overlap"))).catch((error: unknown) => error);
    expect(answer(thrown)).toEqual({ status: 409, body: { code: "session_overlap", message: "space.error.overlap" } });
  });

  it("turn a code thrown by an action into an answer the page shows, with what the action kept", async () => {
    const result = await handleActionErrors<never, { kept: string }>(async (keep) => {
      keep({ kept: "typed" });
      throw new AppError("registration_closed");
    });
    expect(answer(result)).toEqual({ status: 409, body: { kept: "typed", error: { code: "registration_closed", message: "registration.error.closed" } } });
  });

  it("answer an id that names nothing in an action with 404 and a message, not an error page", async () => {
    const result = await handleActionErrors(() => Promise.reject(new AppError("registration_not_found")));
    expect(answer(result)).toMatchObject({ status: 404, body: { error: { code: "registration_not_found" } } });
  });

  it("let redirects and unexpected errors through", async () => {
    const redirect = new Response(null, { status: 302 });
    await expect(handleActionErrors(() => Promise.reject(redirect))).rejects.toBe(redirect);
    await expect(handleActionErrors(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(handleErrors(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  });
});
