import { redirect } from "react-router";
import { formValues } from "~/features/registration/form";
import { AppError } from "~/lib/errors";
import type { RefusedForm } from "./components/settings-form";

/** Back-office pages are personal: no cache keeps them. */
export const personalHeaders = { "Cache-Control": "private, no-store" };

/** The refusal of a form on its fields: its values shown again, each error beside its field. */
export function refuse(target: string, form: FormData, errors: Record<string, string>) {
  const refused: RefusedForm = { target, errors, values: formValues(form) };
  return { refused, status: 422 as const };
}

/** After a change, the page that shows it (Post/Redirect/Get), saying what was done. */
export function doneRedirect(request: Request, done: string, anchor?: string): Response {
  const url = new URL(request.url);
  return redirect(`${url.pathname}?done=${encodeURIComponent(done)}${anchor ? `#${anchor}` : ""}`, 303);
}

/** The notice `done` in the address, when it is one of `known`. */
export function doneNotice<T extends string>(request: Request, known: readonly T[]): T | null {
  const done = new URL(request.url).searchParams.get("done");
  return known.find((candidate) => candidate === done) ?? null;
}

export function parseDirection(value: FormDataEntryValue | null): "up" | "down" {
  if (value === "up" || value === "down") return value;
  throw new AppError("unknown_intent", "no direction");
}
