/* global document, Element, CSS */
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
    // A field's own label, else the legend of its group (radios and checkboxes).
    const caption = document.querySelector(`label[for="${CSS.escape(field.id)}"]`) ?? field.closest("fieldset")?.querySelector("legend");
    (caption ?? field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
}
