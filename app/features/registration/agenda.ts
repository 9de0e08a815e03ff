type Timed = { id: number; starts_at: Date; ends_at: Date; requires_signup: boolean; kind: string };

const overlap = (a: Timed, b: Timed) => a.starts_at < b.ends_at && a.ends_at > b.starts_at;

/**
 * What a confirmed person attends among an edition's sessions (in time order): the sessions
 * they hold a seat in, and the sessions open to all that do not run at the same time as a seat.
 * B2B blocks are left out: they are time kept for meetings, not a session anyone attends.
 */
export function agendaOf<S extends Timed>(sessions: readonly S[], seatSessionIds: readonly number[]): S[] {
  const held = sessions.filter((session) => seatSessionIds.includes(session.id));
  return sessions.filter(
    (session) => held.includes(session) || (!session.requires_signup && session.kind !== "b2b" && !held.some((seat) => overlap(session, seat))),
  );
}

/** For each session of an agenda, the others of it that run at the same time (parallel sessions open to all). */
export function overlapsIn<S extends Timed>(agenda: readonly S[]): Map<number, S[]> {
  return new Map(agenda.map((session) => [session.id, agenda.filter((other) => other !== session && overlap(session, other))]));
}
