/**
 * Cost of the CRDs' CEL rules (server/src/analysis/cel): building the rule index from
 * schemas/cel-rules.json (parse + compile every distinct rule, once per process), and evaluateCelRules
 * over the 200- and 1,000-document corpora of istio-corpus.ts and over the rule-heavy fixtures of
 * test/fixtures/cel. Documents are parsed to objects beforehand: only rule evaluation is timed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CelRuleIndex, evaluateCelRules } from '../server/src/analysis/cel';
import { locateSchemasDirectory } from '../server/src/yaml/schema-catalog';
import { type Timing, formatMs, measure, printTimings, runsFromEnvironment } from './benchmark';
import { generateIstioFile } from './istio-corpus';

export const name = 'cel-rules';
export const description = 'CEL rule index build, and evaluateCelRules over 200 / 1,000 Istio resources';

interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
}

function parseObjects(text: string): KubernetesObject[] {
  return parseAllDocuments(text).map((document) => document.toJS() as KubernetesObject);
}

function evaluateAll(objects: readonly KubernetesObject[], rules: CelRuleIndex): number {
  let violations = 0;
  for (const object of objects)
    violations += evaluateCelRules(object.apiVersion, object.kind, object, rules).length;
  return violations;
}

export async function run(): Promise<void> {
  const runs = runsFromEnvironment(21);
  const rulesFile: unknown = JSON.parse(
    fs.readFileSync(path.join(locateSchemasDirectory(), 'cel-rules.json'), 'utf8'),
  );
  const buildStart = performance.now();
  const rules = CelRuleIndex.fromFile(rulesFile);
  const buildMs = performance.now() - buildStart;
  console.log(`rule index: ${rules.ruleCount} rules, first build ${formatMs(buildMs)} (compiles every rule)`);

  const fixtureDirectory = path.join(__dirname, '..', 'test', 'fixtures', 'cel');
  const fixtureObjects = fs
    .readdirSync(fixtureDirectory)
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) => parseObjects(fs.readFileSync(path.join(fixtureDirectory, file), 'utf8')));
  const corpora: [string, KubernetesObject[]][] = [
    ['200 corpus resources', parseObjects(generateIstioFile(200))],
    ['1,000 corpus resources', parseObjects(generateIstioFile(1_000))],
    // The fixtures break many rules on purpose; repeated to 200 resources they are the costly case.
    ['200 fixture resources (rule-heavy, with violations)', repeatTo(fixtureObjects, 200)],
  ];

  const timings: Timing[] = [];
  for (const [label, objects] of corpora) {
    const timing = await measure(label, runs, () => Promise.resolve(evaluateAll(objects, rules)), 3);
    timings.push(timing);
  }
  printTimings('evaluateCelRules over a whole file (objects already parsed)', timings);
  console.log('\nper resource (median)');
  corpora.forEach(([label, objects], i) => {
    const perResource = (timings[i]?.median ?? NaN) / objects.length;
    console.log(`  ${label.padEnd(52)} ${(perResource * 1000).toFixed(1)} µs`);
  });
}

function repeatTo<T>(items: readonly T[], count: number): T[] {
  return Array.from({ length: count }, (_, i) => items[i % items.length] as T);
}
