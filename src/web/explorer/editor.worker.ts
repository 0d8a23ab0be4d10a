// Monaco's editor worker (diffs, word ranges), bundled as /assets/explorer-editor.worker.js.
import "monaco-editor/esm/vs/editor/editor.worker.js";
