import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import type { BackOfficeAccess } from "~/features/organisers/organisers.server";
import type { RegistrationFilter } from "~/features/segments/filter";
import { savedSegments } from "~/features/segments/segments.server";
import { editionFigures, scopeName } from "./figures.server";
import { figuresSnapshots } from "./snapshots.server";

/**
 * Everything the statistics page shows: the figures (restricted to `filter`), what they are
 * restricted to, the frozen snapshots, and the saved segments to choose from for those who may.
 */
export async function figuresPage(db: Kysely<DB>, access: BackOfficeAccess, request: { filter: RegistrationFilter; now: Date }) {
  const [figures, scope, snapshots, segments] = await Promise.all([
    editionFigures(db, access, request),
    scopeName(db, access, request.filter),
    figuresSnapshots(db, access),
    access.permissions.has("registrations") ? savedSegments(db, access).then((found) => found.map(({ id, name }) => ({ id, name }))) : [],
  ]);
  return { figures, scope, snapshots, segments };
}
