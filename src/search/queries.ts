// The Cypher of search: the full-text index over every node's folded `searchText`, and the
// one statement that queries it. Labels are constants of the model, never user input. The
// exact diacritics are checked on the hits, not indexed: `searchTextMarked` (fold.ts's
// markedText) is read for the words the user marked, so the index and its analyzer stay as
// they are and folded queries score exactly as before.

export const SEARCH_INDEX = "policy_search";

/** The node types search finds, by label. */
export const SEARCH_LABELS = [
  "Document", "Section", "Task", "Target", "Indicator", "Agency", "Person", "Event", "TechnologyGroup", "TechnologyProduct",
] as const;
export type SearchLabel = (typeof SEARCH_LABELS)[number];

/**
 * The index. `whitespace` splits on spaces and nothing else: no lower-casing, folding or
 * stop words, since searchText and the query are folded by src/search/fold.ts. (IF NOT
 * EXISTS keeps an existing index as it is: changing its definition needs a new name.)
 */
export const CREATE_SEARCH_INDEX =
  `CREATE FULLTEXT INDEX ${SEARCH_INDEX} IF NOT EXISTS FOR (n:${SEARCH_LABELS.join("|")}) ON EACH [n.searchText] ` +
  "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}";

/** A new index fills in the background; queries wait for it. */
export const AWAIT_INDEXES = "CALL db.awaitIndexes(300)";

/** At most this many hits are read from the index per question (the whole graph has ~700 nodes). */
export const SEARCH_MAX_SCAN = 5000;

/**
 * The best `$pool` nodes of the given labels for a Lucene query — those with every word of
 * `$marked` (the words the user wrote with diacritics) as written first, then by score — with
 * their names and the quotes of their citations (the caller picks the quote that matches best).
 */
export const SEARCH = `
  CALL db.index.fulltext.queryNodes('${SEARCH_INDEX}', $query, {limit: ${SEARCH_MAX_SCAN}}) YIELD node, score
  WITH node, score, [l IN labels(node) WHERE l IN $labels][0] AS type
  WHERE type IS NOT NULL
  WITH node, score, type,
    size($marked) > 0 AND all(w IN $marked WHERE ' ' + coalesce(node.searchTextMarked, '') + ' ' CONTAINS ' ' + w + ' ') AS marked
  WITH node, score, type, marked ORDER BY marked DESC, score DESC, node.id LIMIT $pool
  RETURN node.id AS id, type, coalesce(node.titleVi, node.nameVi) AS titleVi, coalesce(node.titleEn, node.nameEn) AS titleEn,
    node.abbreviation AS abbreviation, score, marked,
    COLLECT { MATCH (node)-[c:SOURCED_FROM]->(:Source) RETURN c.quote } AS quotes`;
