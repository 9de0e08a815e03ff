// B2B meetings: profiles, the directory, requests, the organisers' board and the cafés.
export const meetingsEn = {
  "meetings.error.notParticipant":
    "B2B meetings are open to the confirmed participants of this edition.",
  "meetings.error.tooLong":
    "A field of your profile is too long: the region takes 120 characters at most, “what I offer” and “what I am looking for” 1,000 each.",
  "meetings.error.themes": "Choose up to 12 themes from the list.",
  "meetings.error.countries": "Choose up to 20 countries from the list.",
  "meetings.consent.profile":
    "I agree that my profile (name, organisation, country, city or region, photo, languages, themes, countries and the texts I write) is shown to the other participants of this edition. I can withdraw it at any time.",
} as const;

export const meetingsFr: Record<keyof typeof meetingsEn, string> = {
  "meetings.error.notParticipant":
    "Les rendez-vous B2B sont ouverts aux participants confirmés de cette édition.",
  "meetings.error.tooLong":
    "Un champ de votre profil est trop long\u202f: la région compte au plus 120 caractères, «\u202fce que je propose\u202f» et «\u202fce que je recherche\u202f» 1\u202f000 chacun.",
  "meetings.error.themes": "Choisissez au plus 12 thèmes dans la liste.",
  "meetings.error.countries": "Choisissez au plus 20 pays dans la liste.",
  "meetings.consent.profile":
    "J’accepte que mon profil (nom, organisation, pays, ville ou région, photo, langues, thèmes, pays et textes que j’écris) soit montré aux autres participants de cette édition. Je peux le retirer à tout moment.",
};
