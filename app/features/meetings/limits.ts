// Limits the forms state and the domain enforces, shared by both.

/** The longest text of each field of a meeting profile, and the most themes and countries it names. */
export const profileLimits = { region: 120, offer: 1000, seek: 1000, themes: 12, countries: 20, maxMeetings: 100 } as const;

/** The longest message of a meeting request. */
export const requestMessageMax = 500;

/** The longest label of a theme, in each language. */
export const themeLabelMax = 80;
