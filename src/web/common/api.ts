// How the pages read the public API: POST /graphql with a named operation, as any client does.
// A GraphQL error is thrown with its code, so a page can show it.
export class ApiError extends Error {
  constructor(message: string, readonly code: string) { super(message); }
}

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, operationName?: string): Promise<T> {
  const res = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, variables, operationName }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) throw new ApiError(body.errors[0]!.message, body.errors[0]!.extensions?.code ?? "INTERNAL_SERVER_ERROR");
  if (!body.data) throw new ApiError(`HTTP ${res.status}`, "INTERNAL_SERVER_ERROR");
  return body.data;
}
