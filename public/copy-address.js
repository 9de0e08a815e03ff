/* global document, navigator */
// The copy buttons of the participant's space: shown only where the Clipboard API exists, so that
// without JavaScript (or without the API) the address is simply there to select and copy.
for (const button of document.querySelectorAll("button[data-copy]")) {
  if (!navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const text = document.getElementById(button.dataset.copy)?.textContent ?? "";
    const status = document.getElementById(button.dataset.copyStatus);
    await navigator.clipboard.writeText(text);
    if (status) status.textContent = status.dataset.done ?? "";
  });
}
