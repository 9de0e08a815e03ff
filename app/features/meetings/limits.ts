// Limits the forms state and the domain enforces, shared by both.

/** The longest text of each field of a meeting profile, and the most themes and countries it names. */
export const profileLimits = { region: 120, offer: 1000, seek: 1000, themes: 12, countries: 20, maxMeetings: 100 } as const;

/** The longest message of a meeting request. */
export const requestMessageMax = 500;

/** The longest label of a theme, in each language. */
export const themeLabelMax = 80;

/** Tables of the board shown at once, and what a table may be. */
export const boardTablePageSize = 40;
export const tableLimits = { label: 40, seatsMin: 2, seatsMax: 40, addAtOnce: 200 } as const;

/** Accepted requests without a place listed on the board (all are counted). */
export const unplacedShown = 100;
