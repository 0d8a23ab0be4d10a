// Monaco's JSON worker: the variables, headers and response editors, bundled as /assets/explorer-json.worker.js.
import "monaco-editor/esm/vs/language/json/json.worker.js";
