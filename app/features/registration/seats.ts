/** Seats of a session that needs a sign-up: what is left, and whether a new sign-up would wait. */
export function seatsLeft(session: { capacity: number | null; taken: number | null }): number {
  return Math.max(0, (session.capacity ?? 0) - (session.taken ?? 0));
}

export function isFull(session: { capacity: number | null; taken: number | null }): boolean {
  return seatsLeft(session) === 0;
}
