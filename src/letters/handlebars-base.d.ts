// Handlebars' parser on its own (no compiler, no source maps): the package types only its
// main entry, so this declares the one function taken from its compiler/base module.
declare module "handlebars/dist/cjs/handlebars/compiler/base.js" {
  export function parse(input: string, options?: ParseOptions): hbs.AST.Program;
}
