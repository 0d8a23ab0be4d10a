// The one place where errors become GraphQL errors: AppError codes go to extensions.code;
// an unexpected exception (a bug, a database failure) is logged and masked as
// INTERNAL_SERVER_ERROR; GraphQL's own request errors keep their message.
import { GraphQLError, type GraphQLFormattedError, type ValidationContext } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";

import { logger } from "../config/logger.js";
import { AppError } from "../errors/index.js";

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return { ...formatted, message: original.message, extensions: { ...formatted.extensions, code: original.code, ...original.details } };
  }
  if (formatted.extensions?.code !== "INTERNAL_SERVER_ERROR") return formatted;
  if (original instanceof GraphQLError && !original.originalError) {
    // e.g. "Schema is not configured to execute mutation operation": the request is wrong.
    return { ...formatted, extensions: { ...formatted.extensions, code: "BAD_REQUEST" } };
  }
  logger.error({ err: original }, "unexpected error in a GraphQL request");
  return { message: "Internal server error", locations: formatted.locations, path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

/** Reports a request over one of graphql-armor's bounds as a validation error naming the bound (the library would throw). */
export function reportTooDeep(context: ValidationContext | null, error: GraphQLError) {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, "")));
}
