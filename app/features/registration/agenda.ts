type Timed = { id: number; starts_at: Date; ends_at: Date; requires_signup: boolean };

/**
 * What a confirmed person attends among an edition's sessions (in time order): the sessions
 * they hold a seat in, and the sessions open to all that do not run at the same time as a seat.
 */
export function agendaOf<S extends Timed>(sessions: readonly S[], seatSessionIds: readonly number[]): S[] {
  const held = sessions.filter((session) => seatSessionIds.includes(session.id));
  const overlapsHeld = (session: S) => held.some((seat) => session.starts_at < seat.ends_at && session.ends_at > seat.starts_at);
  return sessions.filter((session) => held.includes(session) || (!session.requires_signup && !overlapsHeld(session)));
}
