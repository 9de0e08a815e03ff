// The registrations table of the back office and its segments.
export const segmentsEn = {
  "segments.error.notFound": "This segment does not exist (any more).",
  "segments.error.name": "Give the segment a name of 1 to 100 characters, on one line.",
  "segments.error.nameTaken": "A segment of this edition already has this name.",
  "segments.error.cycle": "A segment cannot include itself, even through other segments.",
  "segments.error.tooDeep": "Segments can be nested four deep at most.",
};

export const segmentsFr: Record<keyof typeof segmentsEn, string> = {
  "segments.error.notFound": "Ce segment n'existe pas (ou plus).",
  "segments.error.name": "Donnez au segment un nom de 1 à 100 caractères, sur une ligne.",
  "segments.error.nameTaken": "Un segment de cette édition porte déjà ce nom.",
  "segments.error.cycle": "Un segment ne peut pas s'inclure lui-même, même par d'autres segments.",
  "segments.error.tooDeep": "Les segments s'emboîtent sur quatre niveaux au plus.",
};
