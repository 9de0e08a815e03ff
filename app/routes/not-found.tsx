import { data } from "react-router";

// Any address no other route claims: the root error boundary shows a localised 404 page.
export function loader() {
  throw data({ code: "not_found" }, { status: 404 });
}

export default function NotFound() {
  return null;
}
