import type { CafeMode } from "~/db/schema";

/** The bounds of a café table and of the settings, shared by the forms and the operations. */
export const cafeLimits = { topic: 160, table: 40, seatsMin: 1, seatsMax: 20, roundMin: 10, roundMax: 240 } as const;
export const cafeModes = ["booking", "wishes"] as const satisfies readonly CafeMode[];
