// Errors are values with codes. Code anywhere throws an AppError; the GraphQL layer maps it
// to `extensions.code` in one place (src/graphql/errors.ts).
export type ErrorCode =
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "SEED_INVALID"
  | "SEED_WOULD_ORPHAN"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NEO4J_INCOMPATIBLE"
  | "NEO4J_UNAVAILABLE"
  | "PORT_IN_USE"
  | "STORE_IN_USE"
  | "LIMIT_EXCEEDED"
  | "QUERY_TIMEOUT"
  | "QUERY_TOO_LARGE"
  | "REQUEST_CANCELLED"
  | "SERVICE_UNAVAILABLE";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string, id: string) =>
  new AppError("NOT_FOUND", `No ${what} with id "${id}"`, { id });

export const badInput = (message: string, details?: Record<string, unknown>) =>
  new AppError("BAD_USER_INPUT", message, details);
