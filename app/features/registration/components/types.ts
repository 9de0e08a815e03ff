import type { PersonalSpace } from "../space.server";

/** One registration as the personal space shows it. */
export type SpaceRegistration = PersonalSpace["registrations"][number];
