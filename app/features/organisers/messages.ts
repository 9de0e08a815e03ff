// Interface text of the back office's frame, merged into the catalogues of app/i18n. Each section
// keeps its own text in its feature's messages.ts.
export const organisersEn = {
  "backOffice.nav": "Back office",
  "backOffice.section.dashboard": "Approvals and wishes",
  "backOffice.section.figures": "Figures",

  "figures.title": "Figures — Rencontres {year}",
  "figures.intro": "Counts only: no name or address appears here. Cancelled registrations count only in the first table.",
  "figures.count": "Registrations",
  "figures.total": "Total",
  "figures.byStatus": "By status",
  "figures.byCategory": "By category",
  "figures.byOrganisationType": "By type of organisation",
  "figures.byCountry": "By country ({countries, plural, one {# country} other {# countries}})",
  "figures.workshops": "Sessions with sign-up",
  "figures.session": "Session",
  "figures.capacity": "Seats",
  "figures.confirmed": "Taken",
  "figures.waitlisted": "Waiting list",
  "figures.noLimit": "no limit",
};

export const organisersFr: Record<keyof typeof organisersEn, string> = {
  "backOffice.nav": "Administration",
  "backOffice.section.dashboard": "Validations et vœux",
  "backOffice.section.figures": "Chiffres",

  "figures.title": "Chiffres — Rencontres {year}",
  "figures.intro": "Des nombres seulement\u202f: aucun nom ni aucune adresse n'apparaît ici. Les inscriptions annulées ne comptent que dans le premier tableau.",
  "figures.count": "Inscriptions",
  "figures.total": "Total",
  "figures.byStatus": "Par état",
  "figures.byCategory": "Par catégorie",
  "figures.byOrganisationType": "Par type d'organisation",
  "figures.byCountry": "Par pays ({countries, plural, one {# pays} other {# pays}})",
  "figures.workshops": "Séances sur inscription",
  "figures.session": "Séance",
  "figures.capacity": "Places",
  "figures.confirmed": "Prises",
  "figures.waitlisted": "Liste d'attente",
  "figures.noLimit": "sans limite",
};
