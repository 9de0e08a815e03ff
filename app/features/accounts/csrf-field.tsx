/** Name of the hidden field that carries the session's CSRF token. */
export const csrfFieldName = "csrf";

/** The hidden field that proves a form comes from the signed-in person's own page (see verifyCsrf). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={csrfFieldName} value={token} />;
}
