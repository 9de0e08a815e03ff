// Interface text of this feature, merged into the catalogues of app/i18n.
export const accountsEn = {};

export const accountsFr: Record<keyof typeof accountsEn, string> = {};
