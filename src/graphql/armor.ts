// The shape of a request, bounded before it runs (issue 9, item 1): graphql-armor's rules for
// aliases, directives and static cost, beside the depth limit, and a token bound the parser
// itself enforces (so `{ __typename ×40000 }` stops at the bound instead of being parsed whole).
// Each bound leaves room to spare over the named operations of queries/ (a test checks it);
// a request over one is refused as GRAPHQL_VALIDATION_FAILED, the message naming the limit.
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import type { ValidationRule } from "graphql";

import { reportTooDeep } from "./errors.js";

export const REQUEST_LIMITS = {
  /** tokens of the request text (the parser stops at this many) */
  maxTokens: 5_000,
  maxAliases: 20,
  maxDirectives: 20,
  /** graphql-armor's static cost: objects 2, scalars 1, times depth */
  maxCost: 100_000,
};

export const parseOptions = { maxTokens: REQUEST_LIMITS.maxTokens };

export function requestRules(maxDepth: number): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false, onReject: [reportTooDeep] };
  return [
    maxDepthRule({ n: maxDepth, ignoreIntrospection: true, ...common }),
    maxAliasesRule({ n: REQUEST_LIMITS.maxAliases, ...common }),
    maxDirectivesRule({ n: REQUEST_LIMITS.maxDirectives, ...common }),
    costLimitRule({ maxCost: REQUEST_LIMITS.maxCost, ignoreIntrospection: true, ...common }),
  ] as ValidationRule[];
}
