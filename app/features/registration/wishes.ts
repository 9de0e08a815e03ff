import { AppError } from "~/lib/errors";

/**
 * The sessions of a wish form in the order wished: `ranks` maps a session to its rank (1, 2, 3…);
 * two sessions with one rank cannot be ordered.
 */
export function rankedSessionIds(ranks: readonly { sessionId: number; rank: number }[]): number[] {
  if (new Set(ranks.map((wish) => wish.rank)).size !== ranks.length) throw new AppError("wish_ranks_repeated");
  return [...ranks].sort((a, b) => a.rank - b.rank).map((wish) => wish.sessionId);
}

/**
 * The fair order of ranked wishes, for workshops and cafés alike: everyone's first wish before
 * anyone's second, and so on; within one rank, people in the draw order. `grant` decides each
 * wish in that order (a free seat, no clash with what the person already holds) and keeps it when
 * it answers true. Returns the wishes granted, in the order they were.
 */
export function allocateInTurns<W extends { registrationId: number; rank: number }>(order: readonly number[], wishes: readonly W[], grant: (wish: W) => boolean): W[] {
  const byPerson = new Map<number, Map<number, W>>();
  for (const wish of wishes) {
    const ranks = byPerson.get(wish.registrationId) ?? new Map<number, W>();
    if (!ranks.has(wish.rank)) ranks.set(wish.rank, wish);
    byPerson.set(wish.registrationId, ranks);
  }
  const granted: W[] = [];
  const maxRank = Math.max(0, ...wishes.map((wish) => wish.rank));
  for (let rank = 1; rank <= maxRank; rank++) {
    for (const registrationId of order) {
      const wish = byPerson.get(registrationId)?.get(rank);
      if (wish && grant(wish)) granted.push(wish);
    }
  }
  return granted;
}
