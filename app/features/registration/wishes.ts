import { AppError } from "~/lib/errors";

/**
 * The sessions of a wish form in the order wished: `ranks` maps a session to its rank (1, 2, 3…);
 * two sessions with one rank cannot be ordered.
 */
export function rankedSessionIds(ranks: readonly { sessionId: number; rank: number }[]): number[] {
  if (new Set(ranks.map((wish) => wish.rank)).size !== ranks.length) throw new AppError("wish_ranks_repeated");
  return [...ranks].sort((a, b) => a.rank - b.rank).map((wish) => wish.sessionId);
}
