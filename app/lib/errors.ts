import { data } from "react-router";

export type ErrorCode = "not_found" | "bad_request";

const httpStatus: Record<ErrorCode, number> = { not_found: 404, bad_request: 400 };

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
