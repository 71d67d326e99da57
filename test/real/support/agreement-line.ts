/**
 * The run's combined `istioctl agreement: A/B (X.XXX)` line, kept for the reporter that prints it after
 * mocha's own summary (agreement-reporter.ts), so that it is the run's last line. No mocha globals here:
 * the reporter loads this module before any test file.
 */
let line: string | undefined;

export function recordAgreementLine(text: string): void {
  line = text;
}

export function agreementLine(): string | undefined {
  return line;
}
