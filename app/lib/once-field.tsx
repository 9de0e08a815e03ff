/** The name of the hidden field that carries a form's submission key (see once.server.ts). */
export const submissionField = "submission";

/** The hidden field of a form that must take effect once, whatever the clicks. */
export function SubmissionField({ value }: { value: string }) {
  return <input type="hidden" name={submissionField} value={value} />;
}
