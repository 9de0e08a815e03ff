import type { ActionError } from "./errors";
import { useTranslate } from "./use-language";

/** Explains, in the reader's language, why a form was refused (see handleActionErrors). */
export function ErrorNotice({ error }: { error: ActionError | undefined }) {
  const t = useTranslate();
  if (!error) return null;
  return (
    <div className="notice notice--closed" role="alert" data-code={error.code}>
      <p>{t(error.message)}</p>
    </div>
  );
}

/** The refusal an action answered, if it answered one. */
export function actionError(actionData: unknown): ActionError | undefined {
  return actionData && typeof actionData === "object" && "error" in actionData ? (actionData.error as ActionError) : undefined;
}
