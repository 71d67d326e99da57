/**
 * A stand-in for `meshwright analyze --offline FILE` used by the analysis benchmark: bundled by esbuild
 * and run as a fresh node process, it measures start-up + reading + engine, the way the CLI pays them.
 * Prints one JSON line: diagnostics count, engine ms, peak RSS.
 */
import fs from 'node:fs';
import { analyze } from '../server/src/analysis/engine';

const files = process.argv.slice(2);
const started = performance.now();
const result = analyze({
  documents: files.map((file) => ({ uri: file, text: fs.readFileSync(file, 'utf8') })),
});
console.log(
  JSON.stringify({
    diagnostics: result.diagnostics.length,
    engineMs: performance.now() - started,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
