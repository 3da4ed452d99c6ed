import type {} from "handlebars";

/**
 * Parses a Handlebars template into its syntax tree with Handlebars' own parser (the same
 * function as `Handlebars.parse`, white-space control included), loaded without the compiler
 * and only on the first call: rule messages and template checks need only the tree.
 *
 * @param source - the template
 * @returns the syntax tree
 * @throws {Error} Handlebars' parse error for a template that is not valid
 * @example parseHandlebars("Hi {{name}}").body.length // 2
 */
export declare function parseHandlebars(source: string): hbs.AST.Program;
