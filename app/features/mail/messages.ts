// Interface text of this feature, merged into the catalogues of app/i18n.
export const mailEn = {
  "mail.mailbox.title": "Development mailbox",
  "mail.mailbox.notice":
    "No outgoing mail server is configured (SMTP_URL is unset), so the site sends no e-mail: every message it would send is kept here instead.",
  "mail.mailbox.warning":
    "This page exists only while SMTP_URL is unset, and anyone who can reach the server can read it: set SMTP_URL on a public server.",
  "mail.mailbox.caption": "{count, plural, one {# message} other {# messages}}, newest first",
  "mail.mailbox.empty": "No message yet.",
  "mail.mailbox.to": "To",
  "mail.mailbox.subject": "Subject",
  "mail.mailbox.date": "Date",
  "mail.mailbox.status": "Status",
  "mail.status.pending": "Waiting",
  "mail.status.sent": "Sent",
  "mail.status.failed": "Given up",
  "mail.message.back": "Back to the mailbox",
  "mail.message.language": "Language",
  "mail.message.attempts": "Attempts",
  "mail.message.lastError": "Last error",
  "mail.message.attachments": "Attachments",
  "mail.message.attachment": "{filename} ({contentType}, {size, number} bytes)",
  "mail.message.text": "Plain text part",
  "mail.message.html": "HTML part",
  "mail.message.htmlFrame": "HTML part of the message, as a mail reader shows it",
  "mail.message.htmlSource": "HTML source",
};

export const mailFr: Record<keyof typeof mailEn, string> = {
  "mail.mailbox.title": "Boîte aux lettres de développement",
  "mail.mailbox.notice":
    "Aucun serveur d'envoi n'est configuré (SMTP_URL est vide) : le site n'envoie donc aucun courriel, et chaque message qu'il enverrait est conservé ici.",
  "mail.mailbox.warning":
    "Cette page n'existe que tant que SMTP_URL est vide, et quiconque atteint le serveur peut la lire : renseignez SMTP_URL sur un serveur public.",
  "mail.mailbox.caption": "{count, plural, one {# message} other {# messages}}, du plus récent au plus ancien",
  "mail.mailbox.empty": "Aucun message pour l'instant.",
  "mail.mailbox.to": "Destinataire",
  "mail.mailbox.subject": "Objet",
  "mail.mailbox.date": "Date",
  "mail.mailbox.status": "État",
  "mail.status.pending": "En attente",
  "mail.status.sent": "Envoyé",
  "mail.status.failed": "Abandonné",
  "mail.message.back": "Retour à la boîte aux lettres",
  "mail.message.language": "Langue",
  "mail.message.attempts": "Tentatives",
  "mail.message.lastError": "Dernière erreur",
  "mail.message.attachments": "Pièces jointes",
  "mail.message.attachment": "{filename} ({contentType}, {size, number} octets)",
  "mail.message.text": "Partie texte",
  "mail.message.html": "Partie HTML",
  "mail.message.htmlFrame": "Partie HTML du message, telle qu'un logiciel de messagerie l'affiche",
  "mail.message.htmlSource": "Source HTML",
};
