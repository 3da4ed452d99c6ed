// Handlebars' parser, required on its first use. This one module is CommonJS on purpose: in the
// package's builds the `require` below stays a call made at the first parse (esbuild bundles it
// as a lazily run module), so importing the package does not run Handlebars' parser (its tables,
// some 45 KB), which only custom rulesets, custom templates and the build need. An ES import
// would run it whenever the package is imported. Types: handlebars-parser.d.cts.
"use strict";

let base;

exports.parseHandlebars = function parseHandlebars(source) {
  base ??= require("handlebars/dist/cjs/handlebars/compiler/base.js");
  return base.parse(source);
};
