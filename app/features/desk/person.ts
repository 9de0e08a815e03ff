// Rules of a person's page on the registrations desk shared with its pages (no database).

/** The longest internal note an organiser writes on a registration. */
export const noteMaxLength = 5000;

/** What an organiser may do to a registration in each status, in the order of the page's buttons. */
export function actionsFor(status: "pending" | "confirmed" | "waitlisted" | "cancelled") {
  return {
    approve: status === "pending",
    refuse: status === "pending",
    promote: status === "waitlisted",
    cancel: status !== "cancelled" && status !== "pending",
    edit: status !== "cancelled",
    resend: status !== "cancelled",
  };
}
