// cytoscape-svg ships no types: the extension adds cy.svg(options), the drawing as SVG text.
declare module "cytoscape-svg" {
  const ext: (cy: unknown) => void;
  export default ext;
}
