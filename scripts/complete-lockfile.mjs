#!/usr/bin/env node
/**
 * Usage: node scripts/complete-lockfile.mjs   (after any `npm install` that changes the lock)
 *
 * Some registries and mirrors serve only some platforms' builds of packages that ship native
 * binaries as optional dependencies (Biome, Rollup, zen-engine). npm then leaves the missing
 * platforms out of package-lock.json, and `npm ci` refuses the lock as "out of sync". This
 * adds an entry for each optional dependency the lock lacks, with the version its parent
 * asks for: npm skips it on every other platform, as it would with a complete lock.
 */
import { readFileSync, writeFileSync } from "node:fs";

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
const packages = lock.packages;
let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ""}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    packages[`node_modules/${name}`] = {
      version,
      ...(entry.dev && { dev: true }),
      optional: true,
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} optional platform entries`);
