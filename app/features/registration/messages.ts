// Interface text of registration, merged into the catalogues of app/i18n.
export const registrationEn = {
  "registration.mail.greeting": "Hello {name},",
  "registration.mail.action": "Open my space",
  "registration.mail.confirmed.subject": "Your registration for the Rencontres {year} is confirmed",
  "registration.mail.confirmed.text":
    "Your registration for the Rencontres {year} is confirmed. Your agenda is attached: open it to add it to your calendar.",
  "registration.mail.pending.subject": "We have received your registration for the Rencontres {year}",
  "registration.mail.pending.text":
    "We have received your registration for the Rencontres {year}. The organisers will review it and write to you again.",
  "registration.mail.waitlisted.subject": "You are on the waiting list of the Rencontres {year}",
  "registration.mail.waitlisted.text":
    "The Rencontres {year} are full for now. You are on the waiting list: if a place frees up, it is yours and we will tell you at once.",
  "registration.mail.cancelled.subject": "Your registration for the Rencontres {year} is cancelled",
  "registration.mail.cancelled.text": "Your registration for the Rencontres {year} is cancelled, and so are your workshop seats.",
  "registration.mail.promoted.subject": "A place has freed up: you are registered for the Rencontres {year}",
  "registration.mail.promoted.text":
    "A place has freed up and it is yours: your registration for the Rencontres {year} is confirmed. Your agenda is attached.",
  "registration.mail.seat.subject": "You have a seat at “{session}”",
  "registration.mail.seat.text": "A seat has freed up at “{session}” and it is yours. It is now in your agenda.",

  "registration.wishes.mail.subject": "Your workshop seats",
  "registration.wishes.mail.seat": "You have a seat at “{session}” (your wish no. {rank}).",
  "registration.wishes.mail.waitlisted":
    "The sessions you wished for are full. You are on the waiting list of “{session}”, your first wish.",
  "registration.wishes.mail.seed":
    "Seats went to everyone's first wish before anyone's second; ties were drawn with the published seed “{seed}”.",

  "registration.error.required": "Please fill in this field.",
  "registration.error.tooLong": "This text is too long.",
  "registration.error.email": "Please enter an e-mail address such as name@example.org.",
  "registration.error.phone": "A phone number may contain digits, spaces, +, (, ), - and . only.",
  "registration.error.country": "Please choose a country from the list.",
  "registration.error.choice": "Please choose one of the options offered.",
};

export const registrationFr: Record<keyof typeof registrationEn, string> = {
  "registration.mail.greeting": "Bonjour {name},",
  "registration.mail.action": "Ouvrir mon espace",
  "registration.mail.confirmed.subject": "Votre inscription aux Rencontres {year} est confirmée",
  "registration.mail.confirmed.text":
    "Votre inscription aux Rencontres {year} est confirmée. Votre agenda est en pièce jointe : ouvrez-le pour l'ajouter à votre calendrier.",
  "registration.mail.pending.subject": "Nous avons bien reçu votre inscription aux Rencontres {year}",
  "registration.mail.pending.text":
    "Nous avons bien reçu votre inscription aux Rencontres {year}. Les organisateurs vont l'examiner et vous écriront de nouveau.",
  "registration.mail.waitlisted.subject": "Vous êtes sur la liste d'attente des Rencontres {year}",
  "registration.mail.waitlisted.text":
    "Les Rencontres {year} sont complètes pour l'instant. Vous êtes sur la liste d'attente : si une place se libère, elle est pour vous et nous vous préviendrons aussitôt.",
  "registration.mail.cancelled.subject": "Votre inscription aux Rencontres {year} est annulée",
  "registration.mail.cancelled.text": "Votre inscription aux Rencontres {year} est annulée, ainsi que vos places en atelier.",
  "registration.mail.promoted.subject": "Une place s'est libérée : vous êtes inscrit·e aux Rencontres {year}",
  "registration.mail.promoted.text":
    "Une place s'est libérée et elle est pour vous : votre inscription aux Rencontres {year} est confirmée. Votre agenda est en pièce jointe.",
  "registration.mail.seat.subject": "Vous avez une place à « {session} »",
  "registration.mail.seat.text": "Une place s'est libérée à « {session} » et elle est pour vous. Elle figure désormais dans votre agenda.",

  "registration.wishes.mail.subject": "Vos places en atelier",
  "registration.wishes.mail.seat": "Vous avez une place à « {session} » (votre vœu n° {rank}).",
  "registration.wishes.mail.waitlisted":
    "Les séances que vous souhaitiez sont complètes. Vous êtes sur la liste d'attente de « {session} », votre premier vœu.",
  "registration.wishes.mail.seed":
    "Les places sont allées au premier vœu de chacun avant le deuxième de quiconque ; les ex æquo ont été départagés par tirage avec la graine publiée « {seed} ».",

  "registration.error.required": "Merci de remplir ce champ.",
  "registration.error.tooLong": "Ce texte est trop long.",
  "registration.error.email": "Merci d'indiquer une adresse électronique comme nom@exemple.fr.",
  "registration.error.phone": "Un numéro de téléphone ne contient que des chiffres, des espaces et les signes +, (, ), - et .",
  "registration.error.country": "Merci de choisir un pays dans la liste.",
  "registration.error.choice": "Merci de choisir l'une des options proposées.",
};
