import { data } from "react-router";

const httpStatus = {
  bad_request: 400,
  forbidden: 403,
  not_found: 404,
  /** The request contradicts the current state: already registered, overlapping session… */
  conflict: 409,
  /** The registration window of the edition is not open. */
  registration_closed: 409,
  invalid_form: 422,
  /** Too many attempts from one address or for one e-mail address in a time window. */
  rate_limited: 429,
  delegation_lead_required: 403,
  invitation_wrong_person: 403,
  invitation_already_registered: 409,
  invitation_expired: 410,
  invitation_answered: 410,
  invitation_withdrawn: 410,
  invitation_rate_limited: 429,
} as const;

export type ErrorCode = keyof typeof httpStatus;

/** A failure a person can cause, with a code the web layer maps to an HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = code,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** Turns a domain error into the response a loader throws; anything else stays a server error. */
export function toResponse(error: unknown): unknown {
  if (error instanceof AppError) return data({ code: error.code }, { status: httpStatus[error.code] });
  return error;
}

export function notFound(message?: string): never {
  throw new AppError("not_found", message);
}
