/* global document, window */
// The passkey forms of the security and verification pages (see second-factor-forms.tsx): shown
// only where WebAuthn exists, they run the ceremony with SimpleWebAuthn's browser bundle (loaded
// before this file) and post the browser's answer as JSON in the `credential` field.
const webauthn = window.SimpleWebAuthnBrowser;
for (const form of document.querySelectorAll("form[data-passkey]")) {
  if (!webauthn || !webauthn.browserSupportsWebAuthn()) continue;
  form.hidden = false;
  for (const note of document.querySelectorAll("[data-passkey-fallback]")) note.hidden = true;
  const options = JSON.parse(document.getElementById(form.dataset.passkeyOptions)?.textContent ?? "null");
  const status = document.getElementById(form.dataset.passkeyStatus);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (status) status.textContent = "";
    try {
      const answer =
        form.dataset.passkey === "registration"
          ? await webauthn.startRegistration({ optionsJSON: options })
          : await webauthn.startAuthentication({ optionsJSON: options });
      form.elements.namedItem("credential").value = JSON.stringify(answer);
      form.submit();
    } catch {
      if (status) status.textContent = form.dataset.failed ?? "";
    }
  });
}
