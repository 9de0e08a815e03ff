// Interface text of this feature, merged into the catalogues of app/i18n.
export const accountsEn = {
  "accounts.mySpace": "My space",

  "accounts.signIn.title": "Sign in",
  "accounts.signIn.intro":
    "Participants sign in with their e-mail address, without a password: we send you a link that signs you in.",
  "accounts.signIn.email": "E-mail address",
  "accounts.signIn.submit": "Send me a sign-in link",
  "accounts.signIn.invalidEmail": "Please enter an e-mail address such as name@example.org.",
  "accounts.signIn.sentTitle": "Check your e-mail",
  "accounts.signIn.sent":
    "If {email} can receive e-mail, a sign-in link is on its way. It works once, within 10 minutes, and signs you in on the device where you open it.",
  "accounts.signIn.sentHelp": "Nothing after a few minutes? Look in your spam folder, or ask for a new link.",
  "accounts.signIn.again": "Ask for a new link",

  "accounts.link.title": "Finish signing in",
  "accounts.link.text": "Press the button to sign in on this device.",
  "accounts.link.submit": "Sign in",
  "accounts.link.expiredTitle": "This sign-in link has expired",
  "accounts.link.expired": "A sign-in link works within 10 minutes of being sent. Ask for a new one below: it goes to the same address.",
  "accounts.link.usedTitle": "This sign-in link has already been used",
  "accounts.link.used":
    "A sign-in link works only once. If you have just signed in on another device or tab, carry on there; otherwise ask for a new link below.",
  "accounts.link.unknownTitle": "This sign-in link is not recognised",
  "accounts.link.unknown":
    "Check that you opened the whole link of the e-mail; an old link may also have been deleted. Ask for a new one below.",

  "accounts.account.signedInAs": "Signed in as {email}.",
  "accounts.signedOut": "You are signed out.",
  "accounts.account.signOut": "Sign out",
  "accounts.account.signOutEverywhere": "Sign out everywhere",
  "accounts.account.signOutEverywhereHelp":
    "Ends your sessions on every device, for example on a shared computer where you forgot to sign out.",

  "accounts.error.forbidden": "This form was refused: the page was too old, or you signed in again since. Go back, reload the page and try again.",
  "accounts.error.crossSite": "This form was refused: it did not come from a page of this site. Open the page on this site and try again.",
  "accounts.error.rateLimited": "Too many sign-in requests came from your network. Please try again in 15 minutes.",

  "accounts.mail.subject": "Your sign-in link – {site}",
  "accounts.mail.intro": "Someone, most likely you, asked to sign in to {site} with this e-mail address.",
  "accounts.mail.validity": "The button below signs you in. It works once, within 10 minutes.",
  "accounts.mail.ignore": "If you did not ask for it, ignore this message: nobody can sign in without this link.",
  "accounts.mail.action": "Sign in",
};

export const accountsFr: Record<keyof typeof accountsEn, string> = {
  "accounts.mySpace": "Mon espace",

  "accounts.signIn.title": "Connexion",
  "accounts.signIn.intro":
    "Les participants se connectent avec leur adresse électronique, sans mot de passe : nous vous envoyons un lien qui vous connecte.",
  "accounts.signIn.email": "Adresse électronique",
  "accounts.signIn.submit": "M'envoyer un lien de connexion",
  "accounts.signIn.invalidEmail": "Veuillez saisir une adresse électronique, par exemple nom@example.org.",
  "accounts.signIn.sentTitle": "Consultez votre messagerie",
  "accounts.signIn.sent":
    "Si l'adresse {email} peut recevoir des courriels, un lien de connexion est en route. Il sert une seule fois, dans les 10 minutes, et vous connecte sur l'appareil où vous l'ouvrez.",
  "accounts.signIn.sentHelp": "Rien après quelques minutes ? Regardez dans vos indésirables, ou demandez un nouveau lien.",
  "accounts.signIn.again": "Demander un nouveau lien",

  "accounts.link.title": "Terminer la connexion",
  "accounts.link.text": "Appuyez sur le bouton pour vous connecter sur cet appareil.",
  "accounts.link.submit": "Se connecter",
  "accounts.link.expiredTitle": "Ce lien de connexion a expiré",
  "accounts.link.expired": "Un lien de connexion sert dans les 10 minutes qui suivent son envoi. Demandez-en un nouveau ci-dessous : il part à la même adresse.",
  "accounts.link.usedTitle": "Ce lien de connexion a déjà servi",
  "accounts.link.used":
    "Un lien de connexion ne sert qu'une fois. Si vous venez de vous connecter sur un autre appareil ou un autre onglet, continuez-y ; sinon, demandez un nouveau lien ci-dessous.",
  "accounts.link.unknownTitle": "Ce lien de connexion n'est pas reconnu",
  "accounts.link.unknown":
    "Vérifiez que vous avez ouvert le lien complet du courriel ; un ancien lien peut aussi avoir été effacé. Demandez-en un nouveau ci-dessous.",

  "accounts.account.signedInAs": "Session ouverte avec l'adresse {email}.",
  "accounts.signedOut": "Vous êtes déconnecté·e.",
  "accounts.account.signOut": "Se déconnecter",
  "accounts.account.signOutEverywhere": "Se déconnecter partout",
  "accounts.account.signOutEverywhereHelp":
    "Met fin à vos sessions sur tous vos appareils, par exemple sur un ordinateur partagé où vous avez oublié de vous déconnecter.",

  "accounts.error.forbidden":
    "Ce formulaire a été refusé : la page était trop ancienne, ou vous vous êtes reconnecté·e depuis. Revenez en arrière, rechargez la page et réessayez.",
  "accounts.error.crossSite": "Ce formulaire a été refusé : il ne vient pas d'une page de ce site. Ouvrez la page sur ce site et réessayez.",
  "accounts.error.rateLimited": "Trop de demandes de connexion sont venues de votre réseau. Veuillez réessayer dans 15 minutes.",

  "accounts.mail.subject": "Votre lien de connexion – {site}",
  "accounts.mail.intro": "Quelqu'un, sans doute vous, a demandé à se connecter sur le site {site} avec cette adresse électronique.",
  "accounts.mail.validity": "Le bouton ci-dessous vous connecte. Il sert une seule fois, dans les 10 minutes.",
  "accounts.mail.ignore": "Si vous n'avez rien demandé, ignorez ce message : personne ne peut se connecter sans ce lien.",
  "accounts.mail.action": "Se connecter",
};
