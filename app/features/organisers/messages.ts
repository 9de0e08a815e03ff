// Interface text of the back office's frame, merged into the catalogues of app/i18n. Each section
// keeps its own text in its feature's messages.ts.
export const organisersEn = {
  "backOffice.nav": "Back office",
  "backOffice.section.dashboard": "Approvals and wishes",
};

export const organisersFr: Record<keyof typeof organisersEn, string> = {
  "backOffice.nav": "Administration",
  "backOffice.section.dashboard": "Validations et vœux",
};
