/* global document, Element, CSS, history */
// A refused form: its error summary takes the focus, and each of its links moves the focus to
// its field with the field's label or legend in view (a plain link would hide the label above).
const summary = document.querySelector("[data-error-summary]");
if (summary) {
  if (document.activeElement !== summary) summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
    const field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault();
    const caption = field.closest("fieldset")?.querySelector("legend") ?? document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
    (caption ?? field).scrollIntoView();
    field.focus({ preventScroll: true });
    history.replaceState(null, "", link.hash);
  });
}
