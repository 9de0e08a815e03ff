// Interface text of image uploads, merged into the catalogues of app/i18n. Refusals are shown
// without arguments (ErrorNotice): their limits are written out, and media.test.ts checks them.
export const mediaEn = {
  "media.hint": "PNG, JPEG or WebP, at most {megabytes} MB. It is reduced to {width} pixels wide at most.",
  "media.current": "Current image:",
  "media.remove": "Remove the image",
  "media.error.missing": "Choose an image file.",
  "media.error.tooHeavy": "The file is larger than 5 MB: choose a lighter one.",
  "media.error.tooManyPixels": "The image is too large (50 megapixels at most): reduce it before sending it.",
  "media.error.notSupported": "The file is not a PNG, JPEG or WebP image (its content is checked, not its name).",
};

export const mediaFr: Record<keyof typeof mediaEn, string> = {
  "media.hint": "PNG, JPEG ou WebP, {megabytes} Mo au plus. Elle est réduite à {width} pixels de large au plus.",
  "media.current": "Image actuelle\u202f:",
  "media.remove": "Retirer l’image",
  "media.error.missing": "Choisissez un fichier image.",
  "media.error.tooHeavy": "Le fichier dépasse 5 Mo\u202f: choisissez-en un plus léger.",
  "media.error.tooManyPixels": "L’image est trop grande (50 mégapixels au plus)\u202f: réduisez ses dimensions avant de l’envoyer.",
  "media.error.notSupported": "Le fichier n’est pas une image PNG, JPEG ou WebP (son contenu est vérifié, pas son nom).",
};
