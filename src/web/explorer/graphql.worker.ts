// monaco-graphql's worker: validation and completion of the operation against the schema,
// bundled as /assets/explorer-graphql.worker.js.
import "monaco-graphql/esm/graphql.worker.js";
