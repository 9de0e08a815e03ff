// What a loader or action gave, whatever its form (a Response such as a redirect, `data()` with
// its init, a bare value, or any of them thrown), as one shape for route tests to compare.

export interface RouteAnswer {
  status: number;
  body: unknown;
  location: string | null;
  headers: Headers;
}

export function answer(result: unknown): RouteAnswer {
  if (result instanceof Response) return { status: result.status, body: undefined, location: result.headers.get("Location"), headers: result.headers };
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    const init = result.init as ResponseInit | null;
    const headers = new Headers(init?.headers);
    return { status: init?.status ?? 200, body: result.data, location: headers.get("Location"), headers };
  }
  return { status: 200, body: result, location: null, headers: new Headers() };
}

/** The answer of a loader or action, thrown or returned. */
export const settled = (result: unknown): Promise<RouteAnswer> => Promise.resolve(result).then(answer, answer);
