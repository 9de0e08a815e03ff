import { AppError, toResponse } from "~/lib/errors";

// Any address no other route claims: the root error boundary shows a localised 404 page.
export function loader() {
  throw toResponse(new AppError("not_found", "no route"));
}

export default function NotFound() {
  return null;
}
