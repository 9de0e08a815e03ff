import type { Route } from "./+types/media";
import { mediaResponse } from "~/features/media/serve.server";

/** An image uploaded in the back office, at the address that carries its hash. */
export async function loader({ params, context }: Route.LoaderArgs) {
  return mediaResponse(context.db, params.file);
}
