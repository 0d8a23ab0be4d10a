// Jest loads global setup outside its module system; tsx runs the TypeScript setup.
import { tsImport } from "tsx/esm/api";

export default async function globalSetup() {
  const { default: setup } = await tsImport("./neo4jSetup.ts", import.meta.url);
  await setup();
}
