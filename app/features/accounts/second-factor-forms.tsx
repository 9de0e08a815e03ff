import type { ReactNode } from "react";
import { Form } from "react-router";
import { controlProps, ErrorSummary, FieldError, fieldClass } from "~/lib/form-errors";
import { useTranslate } from "~/lib/use-language";

/**
 * A passkey ceremony: the options travel in an inert JSON block, and /passkey.js (after the
 * SimpleWebAuthn browser bundle) shows the form where WebAuthn exists, runs the ceremony when it
 * is submitted and posts the browser's answer in `credential`. Without JavaScript the form stays
 * hidden and the note says what to use instead.
 */
export function PasskeyForm(props: { ceremony: "registration" | "authentication"; options: string; intent: string; label: string; help: string; children: ReactNode }) {
  const t = useTranslate();
  const optionsId = `passkey-options-${props.ceremony}`;
  const statusId = `passkey-status-${props.ceremony}`;
  return (
    <>
      <script type="application/json" id={optionsId} dangerouslySetInnerHTML={{ __html: props.options.replaceAll("<", "\\u003c") }} />
      <Form method="post" hidden data-passkey={props.ceremony} data-passkey-options={optionsId} data-passkey-status={statusId} data-failed={t("secondFactor.passkey.failed")}>
        {props.children}
        <input type="hidden" name="intent" value={props.intent} />
        <input type="hidden" name="credential" value="" />
        <p className="hint">{props.help}</p>
        <button type="submit" className="button">
          {props.label}
        </button>
        <p id={statusId} role="status" className="field-error-text" />
      </Form>
      <p className="hint" data-passkey-fallback>
        {t("secondFactor.passkey.noScript")}
      </p>
      <script src="/scripts/webauthn-browser.js" defer />
      <script src="/passkey.js" defer />
    </>
  );
}

/** A one-time code field (TOTP or recovery), with the summary and the message of a refused code. */
export function CodeField({ id, label, error, recovery = false }: { id: string; label: string; error: string | undefined; recovery?: boolean }) {
  return (
    <>
      <ErrorSummary problems={error ? [{ id, label, message: error }] : []} />
      <div className={fieldClass(error)}>
        <label htmlFor={id}>{label}</label>
        <FieldError id={id} message={error} />
        <input
          id={id}
          name="code"
          type="text"
          required
          autoComplete="one-time-code"
          inputMode={recovery ? "text" : "numeric"}
          pattern={recovery ? undefined : "[0-9 ]{6,7}"}
          maxLength={recovery ? 11 : 7}
          spellCheck={false}
          {...controlProps(id, error)}
        />
      </div>
    </>
  );
}

/** Ten recovery codes, shown once. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useTranslate();
  return (
    <section aria-labelledby="recovery-codes">
      <h2 id="recovery-codes">{t("secondFactor.recovery.title")}</h2>
      <p>{t("secondFactor.recovery.shownOnce")}</p>
      <ul className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code data-recovery-code>{code}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
