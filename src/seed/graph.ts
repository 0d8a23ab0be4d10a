// The checked seed as one graph: nodes, their citations and relationships, each located at
// its file and line. What validation produces and derivation, reporting and loading read; it
// imports nothing, so every one of them can depend on it without depending on each other.
type Props = Record<string, unknown>;

export interface Located { file: string; line: number }
export interface SeedNode { type: string; id: string; props: Props; at: Located }
export interface SeedCitation { type: string; id: string; source: string; quote: string; trust: string; note?: string; at: Located }
export interface SeedRelationship {
  fromType: string; fromId: string; relType: string; toType: string; toId: string; field: string; props: Props; at: Located;
}
export interface SeedGraph {
  nodes: Map<string, SeedNode>;
  citations: SeedCitation[];
  relationships: SeedRelationship[];
  /** a digest of the whole seed: the loader reloads when it changes */
  hash: string;
}
