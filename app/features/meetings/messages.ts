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
  "meetings.error.inviteeUnknown":
    "This person is not in the directory of this edition.",
  "meetings.error.self": "You cannot ask yourself for a meeting.",
  "meetings.error.sameDelegation":
    "This person belongs to your delegation: you can meet without a B2B meeting.",
  "meetings.error.groupWithoutDelegation":
    "A meeting of delegations needs both of you to belong to a delegation.",
  "meetings.error.closed": "Meeting requests are closed for this edition.",
  "meetings.error.exists":
    "A request between you and this person is already open.",
  "meetings.error.declined":
    "This person declined your request: you cannot ask again.",
  "meetings.error.messageTooLong": "Your message takes 500 characters at most.",
  "meetings.error.cap":
    "You have reached the number of meetings you set as your maximum.",
  "meetings.error.otherCap":
    "This person has reached the number of meetings they take.",
  "meetings.error.answered":
    "This request has already been answered or withdrawn.",
  "meetings.error.colleagues":
    "Choose one to five colleagues of your delegation.",
  "meetings.mail.greeting": "Hello {name},",
  "meetings.mail.message": "Their message: {message}",
  "meetings.mail.action": "See my meeting requests",
  "meetings.mail.asked.subject":
    "{name} asks to meet you at the Rencontres {year}",
  "meetings.mail.asked.text":
    "{name} ({organisation}) asks to meet you during the B2B meetings. You can accept, decline or propose a colleague of your delegation.",
  "meetings.mail.accepted.subject": "{name} accepted to meet you",
  "meetings.mail.accepted.text":
    "{name} ({organisation}) accepted your meeting request. The organisers will tell you its time and table.",
  "meetings.mail.declined.subject": "{name} declined your meeting request",
  "meetings.mail.declined.text":
    "{name} ({organisation}) declined your meeting request.",
  "meetings.mail.redirected.subject": "{name} proposes colleagues to meet you",
  "meetings.mail.redirected.text":
    "{name} ({organisation}) passed your meeting request on to colleagues of their delegation, who will answer you: {colleagues}.",
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
  "meetings.error.inviteeUnknown":
    "Cette personne ne figure pas dans l’annuaire de cette édition.",
  "meetings.error.self":
    "Vous ne pouvez pas vous demander un rendez-vous à vous-même.",
  "meetings.error.sameDelegation":
    "Cette personne fait partie de votre délégation\u202f: vous pouvez la voir sans rendez-vous B2B.",
  "meetings.error.groupWithoutDelegation":
    "Un rendez-vous de délégations demande que vous apparteniez tous deux à une délégation.",
  "meetings.error.closed":
    "Les demandes de rendez-vous sont closes pour cette édition.",
  "meetings.error.exists":
    "Une demande entre vous et cette personne est déjà ouverte.",
  "meetings.error.declined":
    "Cette personne a décliné votre demande\u202f: vous ne pouvez pas la renouveler.",
  "meetings.error.messageTooLong":
    "Votre message compte au plus 500 caractères.",
  "meetings.error.cap":
    "Vous avez atteint le nombre de rendez-vous que vous vous êtes fixé.",
  "meetings.error.otherCap":
    "Cette personne a atteint le nombre de rendez-vous qu’elle accepte.",
  "meetings.error.answered":
    "Cette demande a déjà reçu une réponse ou a été retirée.",
  "meetings.error.colleagues":
    "Choisissez d’un à cinq collègues de votre délégation.",
  "meetings.mail.greeting": "Bonjour {name},",
  "meetings.mail.message": "Son message\u202f: {message}",
  "meetings.mail.action": "Voir mes demandes de rendez-vous",
  "meetings.mail.asked.subject":
    "{name} souhaite vous rencontrer aux Rencontres {year}",
  "meetings.mail.asked.text":
    "{name} ({organisation}) souhaite vous rencontrer lors des rendez-vous B2B. Vous pouvez accepter, décliner ou proposer un collègue de votre délégation.",
  "meetings.mail.accepted.subject": "{name} a accepté de vous rencontrer",
  "meetings.mail.accepted.text":
    "{name} ({organisation}) a accepté votre demande de rendez-vous. Les organisateurs vous en indiqueront l’heure et la table.",
  "meetings.mail.declined.subject":
    "{name} a décliné votre demande de rendez-vous",
  "meetings.mail.declined.text":
    "{name} ({organisation}) a décliné votre demande de rendez-vous.",
  "meetings.mail.redirected.subject": "{name} vous propose des collègues",
  "meetings.mail.redirected.text":
    "{name} ({organisation}) a transmis votre demande de rendez-vous à des collègues de sa délégation, qui vous répondront\u202f: {colleagues}.",
};
