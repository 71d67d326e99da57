/**
 * Mocha reporter for both e2e runs (extension host and UI): the usual spec output on the console, plus
 * files that survive the run: `<name>-results.json` (counts and failures, read by run-e2e.ts) and
 * `<name>-transcript.log` (one line per test, appended as the run goes, so a hang shows where it is).
 * In the extension host this is the dependable channel: its console only reaches the browser.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface E2eFailure {
  readonly title: string;
  readonly error: string;
}

export interface E2eResults {
  readonly name: string;
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  readonly failures: E2eFailure[];
}

export interface ResultsReporterOptions {
  /** Directory for the result files. */
  readonly outputDir: string;
  /** "extension-host" or "ui": the prefix of the result files. */
  readonly name: string;
}

export function resultsFile(outputDir: string, name: string): string {
  return path.join(outputDir, `${name}-results.json`);
}

export function transcriptFile(outputDir: string, name: string): string {
  return path.join(outputDir, `${name}-transcript.log`);
}

const { EVENT_RUN_BEGIN, EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } =
  Mocha.Runner.constants;

export class ResultsReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    const { outputDir, name } = reporterOptions(options);
    fs.mkdirSync(outputDir, { recursive: true });
    const transcript = transcriptFile(outputDir, name);
    const results: E2eResults = { name, passed: 0, failed: 0, pending: 0, durationMs: 0, failures: [] };
    const started = Date.now();
    const note = (line: string): void => fs.appendFileSync(transcript, `${line}\n`);

    runner.once(EVENT_RUN_BEGIN, () => fs.writeFileSync(transcript, ''));
    runner.on(EVENT_TEST_PASS, (test) => {
      results.passed++;
      note(`  passed  ${test.fullTitle()} (${test.duration ?? 0} ms)`);
    });
    runner.on(EVENT_TEST_PENDING, (test) => {
      results.pending++;
      note(`  SKIPPED ${test.fullTitle()}`);
    });
    runner.on(EVENT_TEST_FAIL, (test, error: Error) => {
      results.failed++;
      const message = error.stack ?? error.message;
      results.failures.push({ title: test.fullTitle(), error: message });
      note(`  FAILED  ${test.fullTitle()}\n${indent(message)}`);
    });
    runner.once(EVENT_RUN_END, () => {
      results.durationMs = Date.now() - started;
      note(`${results.passed} passed, ${results.failed} failed, ${results.pending} skipped`);
      fs.writeFileSync(resultsFile(outputDir, name), JSON.stringify(results, null, 2));
    });
  }
}

function reporterOptions(options: Mocha.MochaOptions): ResultsReporterOptions {
  const raw =
    (options as { reporterOption?: unknown; reporterOptions?: unknown }).reporterOption ??
    (options as { reporterOptions?: unknown }).reporterOptions;
  const { outputDir, name } = (raw ?? {}) as Partial<ResultsReporterOptions>;
  if (typeof outputDir !== 'string' || typeof name !== 'string') {
    throw new Error('ResultsReporter needs reporterOptions { outputDir, name }');
  }
  return { outputDir, name };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `          ${line}`)
    .join('\n');
}
