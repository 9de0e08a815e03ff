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
  "meetings.profile.title": "My profile for the B2B meetings of {year}",
  "meetings.profile.intro":
    "Your name, organisation, country, city and languages come from your registration. What you write below is shown to the other participants only if you publish your profile.",
  "meetings.profile.region": "Region, province or state",
  "meetings.profile.regionHint": "{max} characters at most.",
  "meetings.profile.offer": "What I offer",
  "meetings.profile.seek": "What I am looking for",
  "meetings.profile.textHint": "In your own words, {max} characters at most.",
  "meetings.profile.themes": "Themes",
  "meetings.profile.themesHint": "Up to {max}.",
  "meetings.profile.countries": "Countries where I act or want to act",
  "meetings.profile.countriesHint":
    "Up to {max}; hold Ctrl (or Cmd) to choose several.",
  "meetings.profile.publication": "Publication",
  "meetings.profile.save": "Save my profile",
  "meetings.profile.savedPublished":
    "Your profile is saved and shown in the directory.",
  "meetings.profile.savedHidden":
    "Your profile is saved; it is not shown in the directory.",
  "meetings.directory.link": "Directory of participants",
  "meetings.space.title": "B2B meetings",
  "meetings.space.intro":
    "Publish your profile so that other participants can find you, and find the people you want to meet.",
  "meetings.directory.title": "Participants to meet in {year}",
  "meetings.directory.intro":
    "The participants who chose to publish their profile for B2B meetings.",
  "meetings.directory.ownProfile": "My profile",
  "meetings.directory.search": "Search the directory",
  "meetings.directory.words":
    "Name, organisation, city, region or words of a profile",
  "meetings.directory.wordsHint":
    "Case and accents do not matter: “sao paulo” finds “São Paulo”.",
  "meetings.directory.themes": "Themes",
  "meetings.directory.themesOf": "Themes: ",
  "meetings.directory.country": "Country (of origin or of action)",
  "meetings.directory.type": "Type of organisation",
  "meetings.directory.language": "Language spoken",
  "meetings.directory.any": "Any",
  "meetings.directory.submit": "Search",
  "meetings.directory.results":
    "{total, plural, =0 {No profile matches.} one {# profile.} other {# profiles.}}",
  "meetings.directory.pages": "Pages of the directory",
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
  "meetings.profile.title": "Mon profil pour les rendez-vous B2B de {year}",
  "meetings.profile.intro":
    "Vos nom, organisation, pays, ville et langues viennent de votre inscription. Ce que vous écrivez ci-dessous n’est montré aux autres participants que si vous publiez votre profil.",
  "meetings.profile.region": "Région, province ou État",
  "meetings.profile.regionHint": "{max} caractères au plus.",
  "meetings.profile.offer": "Ce que je propose",
  "meetings.profile.seek": "Ce que je recherche",
  "meetings.profile.textHint": "Avec vos mots, {max} caractères au plus.",
  "meetings.profile.themes": "Thèmes",
  "meetings.profile.themesHint": "Jusqu’à {max}.",
  "meetings.profile.countries": "Pays où j’agis ou veux agir",
  "meetings.profile.countriesHint":
    "Jusqu’à {max}\u202f; maintenez Ctrl (ou Cmd) pour en choisir plusieurs.",
  "meetings.profile.publication": "Publication",
  "meetings.profile.save": "Enregistrer mon profil",
  "meetings.profile.savedPublished":
    "Votre profil est enregistré et figure dans l’annuaire.",
  "meetings.profile.savedHidden":
    "Votre profil est enregistré\u202f; il ne figure pas dans l’annuaire.",
  "meetings.directory.link": "Annuaire des participants",
  "meetings.space.title": "Rendez-vous B2B",
  "meetings.space.intro":
    "Publiez votre profil pour que les autres participants vous trouvent, et trouvez les personnes que vous voulez rencontrer.",
  "meetings.directory.title": "Participants à rencontrer en {year}",
  "meetings.directory.intro":
    "Les participants qui ont choisi de publier leur profil pour les rendez-vous B2B.",
  "meetings.directory.ownProfile": "Mon profil",
  "meetings.directory.search": "Chercher dans l’annuaire",
  "meetings.directory.words":
    "Nom, organisation, ville, région ou mots d’un profil",
  "meetings.directory.wordsHint":
    "Majuscules et accents sont indifférents\u202f: «\u202fsao paulo\u202f» trouve «\u202fSão Paulo\u202f».",
  "meetings.directory.themes": "Thèmes",
  "meetings.directory.themesOf": "Thèmes\u202f: ",
  "meetings.directory.country": "Pays (d’origine ou d’action)",
  "meetings.directory.type": "Type d’organisation",
  "meetings.directory.language": "Langue parlée",
  "meetings.directory.any": "Indifférent",
  "meetings.directory.submit": "Chercher",
  "meetings.directory.results":
    "{total, plural, =0 {Aucun profil ne correspond.} one {# profil.} other {# profils.}}",
  "meetings.directory.pages": "Pages de l’annuaire",
};
