import { data } from "react-router";
import { AppError, toResponse } from "~/lib/errors";

export type Refusal = "forbidden" | "rate_limited";

/**
 * Runs an action, answering a refused form (CSRF check, rate limit) with its status and a
 * `refusal` the page explains in the reader's language; other errors go to the error boundary.
 */
export async function answerRefusals<T>(body: () => Promise<T>) {
  try {
    return await body();
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") return data({ refusal: "forbidden" as Refusal }, { status: 403 });
    if (error instanceof AppError && error.code === "rate_limited") return data({ refusal: "rate_limited" as Refusal }, { status: 429 });
    throw toResponse(error);
  }
}
