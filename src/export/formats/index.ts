// The export formats: pure, streaming writers of a GraphSource (../model.ts). Each writes as
// it iterates and waits on the output's backpressure, so memory stays flat; none ends the
// output stream it is given (its owner does). Conventions are in each file's header.
import type { Format } from "../model.js";
import { csv } from "./csv.js";
import { cytoscape } from "./cytoscape.js";
import { gexf, gexf13 } from "./gexf.js";
import { graphml } from "./graphml.js";
import { jgf } from "./jgf.js";
import { jsonld } from "./jsonld.js";

export { contextDocument, CONTEXT_FILE, jsonldFormat, type JsonLdOptions } from "./jsonld.js";

export const FORMATS: Record<string, Format> = { graphml, gexf, gexf13, cytoscape, jgf, csv, jsonld };
