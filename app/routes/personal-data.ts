import type { Route } from "./+types/personal-data";
import { requirePerson } from "~/features/accounts/auth.server";
import { exportPersonalData } from "~/features/registration/personal-data.server";
import { handleErrors } from "~/lib/http.server";

/** Everything the database holds about the signed-in person, as a JSON download; nobody else's. */
export async function loader({ request, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const person = await requirePerson(request, context);
    const data = await exportPersonalData(context.db, person.personId);
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": 'attachment; filename="rencontres-my-data.json"',
        "Cache-Control": "private, no-store",
      },
    });
  });
}
