// Interface text of this feature, merged into the catalogues of app/i18n.
export const mailEn = {};

export const mailFr: Record<keyof typeof mailEn, string> = {};
