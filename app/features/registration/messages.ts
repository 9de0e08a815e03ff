// Interface text of this feature, merged into the catalogues of app/i18n.
export const registrationEn = {};

export const registrationFr: Record<keyof typeof registrationEn, string> = {};
