import type { StaffRoleName } from "~/db/schema";

// What each back-office role may do. A route asks for a permission, never for a role: adding a
// role, or moving a right from one to another, is then a change here only.

export const staffRoles = ["owner", "organiser", "meetings", "checkin", "partner"] as const satisfies readonly StaffRoleName[];
export type StaffRole = StaffRoleName;

export const permissions = [
  /** Grant and revoke roles, read the audit log, see and run the retention of personal data. */
  "team",
  /** Editions, their pages, programme, questions, partners. */
  "content",
  /** Registrations: approve, refuse, edit, export, write to participants; rounds of wishes. */
  "registrations",
  /** B2B meetings: themes, slots, tables, the board, publication. */
  "meetings",
  /** The on-site desk: check-in and badges. */
  "checkin",
  /** Figures of the edition, without names. */
  "figures",
] as const;
export type Permission = (typeof permissions)[number];

const granted: Record<StaffRole, readonly Permission[]> = {
  owner: permissions,
  organiser: ["content", "registrations", "meetings", "checkin", "figures"],
  meetings: ["meetings"],
  checkin: ["checkin"],
  partner: ["figures"],
};

/** The permissions of a person holding `roles` on one edition. */
export function permissionsOf(roles: readonly StaffRole[]): Set<Permission> {
  return new Set(roles.flatMap((role) => granted[role]));
}

/** The roles ordered from the one that may do most: the first is the one a person is shown as. */
export function byReach(roles: readonly StaffRole[]): StaffRole[] {
  return staffRoles.filter((role) => roles.includes(role));
}
