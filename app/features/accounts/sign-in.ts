// Rules of the sign-in form shared by the page and the server.

/** Longest e-mail address (RFC 5321), and so the longest value the sign-in form shows back. */
export const emailMaxLength = 254;
