// Search text: what full-text search matches a node by. Placeholder until search lands:
// returns nothing, so nodes carry no searchText yet.
import type { SeedCitation, SeedNode } from "../seed/validate.js";

export function searchTextOf(_node: SeedNode, _citations: SeedCitation[]): string | undefined {
  return undefined;
}
