/**
 * The example page of the browser test: bundled by esbuild for the browser, it evaluates a FHIR
 * Task on both engines, turns the verdict into CDS Hooks cards, and writes the result as JSON
 * into `<pre id="verdict">`, where the test reads it back from Chromium's DOM.
 */
import { evaluateScenario } from "./scenario.js";

const out = document.getElementById("verdict");
evaluateScenario().then(
  (result) => {
    if (out) out.textContent = JSON.stringify({ userAgent: navigator.userAgent, ...result });
  },
  (error: unknown) => {
    if (out) out.textContent = JSON.stringify({ error: String(error) });
  },
);
