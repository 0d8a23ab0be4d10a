// The filters' choices, read whole through a connection: page after page until the last, so a
// list is complete and its total known. The API caps a page (500 for Document and Agency) and
// never a list; what the dashboard caps is what a person can pick from: beyond MAX_CHOICES a
// list is not read at all (its first page says how long it is), and the page asks for an id
// instead of showing a list that looks whole but is not. Pure of the DOM, so a test can run it.

/** Edges asked per request: the API's maximum page for Document and Agency. */
export const CHOICES_PAGE_SIZE = 500;
/** The longest list the page offers: the national system's ~3,400 lead agencies fit in 7 pages. */
export const MAX_CHOICES = 10_000;
/** Above this many choices a <select> is a long scroll: the page offers a type-to-filter input. */
export const DATALIST_FROM = 300;

export interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

export type Choices<T> =
  | { kind: "complete"; total: number; items: T[]; pages: number }
  | { kind: "tooMany"; total: number; pages: number };

/** Why a list could not be read whole; `code` is shown as the API's codes are. */
export class ChoicesError extends Error {
  constructor(message: string, readonly code: string) { super(message); }
}

/**
 * The page size from the page's URL (`choicesPageSize`), clamped to 1..CHOICES_PAGE_SIZE:
 * a smaller page asks more requests for the same list, so a test can watch the paging on a
 * small graph; a larger one is refused by the API, so it is not passed on.
 */
export function pageSizeFrom(search: string): number {
  const n = Number.parseInt(new URLSearchParams(search).get("choicesPageSize") ?? "", 10);
  return Number.isFinite(n) ? Math.min(CHOICES_PAGE_SIZE, Math.max(1, n)) : CHOICES_PAGE_SIZE;
}

/**
 * Every node of a connection, asked `pageSize` at a time. Each page carries the total; the
 * list read must have exactly that many, or it is an error (the graph changed while it was
 * read), never a shorter list.
 */
export async function readAll<T>(ask: (first: number, after: string | null) => Promise<Page<T>>, pageSize = CHOICES_PAGE_SIZE, max = MAX_CHOICES): Promise<Choices<T>> {
  const items: T[] = [];
  let after: string | null = null;
  for (let pages = 1; ; pages++) {
    const page: Page<T> = await ask(pageSize, after);
    if (page.totalCount > max) return { kind: "tooMany", total: page.totalCount, pages };
    for (const e of page.edges) items.push(e.node);
    if (!page.pageInfo.hasNextPage) {
      if (items.length !== page.totalCount) throw new ChoicesError(`read ${items.length} of ${page.totalCount}: the list changed while it was read`, "INCOMPLETE_LIST");
      return { kind: "complete", total: page.totalCount, items, pages };
    }
    // A page that moves no further, or more pages than the total needs, would loop for ever.
    if (!page.edges.length || !page.pageInfo.endCursor || items.length > page.totalCount)
      throw new ChoicesError(`paging stopped after ${items.length} of ${page.totalCount}`, "INCOMPLETE_LIST");
    after = page.pageInfo.endCursor;
  }
}

/** Which control offers a list: a <select> when short, an <input list> when long, an id field when too long to list. */
export const controlFor = (c: Choices<unknown>): "select" | "datalist" | "id" =>
  c.kind === "tooMany" ? "id" : c.items.length > DATALIST_FROM ? "datalist" : "select";
