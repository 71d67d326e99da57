/**
 * The text format, compiler style, one finding per line on stdout so it greps and feeds editors'
 * problem matchers: `file:line:col: severity CODE message` (1-based line and column), ending in
 * `[cluster NAME]` for an object of a cluster. Related locations follow as indented `note:` lines. The summary line is separate (formatSummary) because it
 * goes to stderr, keeping stdout to findings only.
 */
import { type Position, type Severity } from '../mesh/diagnostic';
import { type AnalysisReport } from './analysis-report';
import { describeIncomplete } from './cluster-report';

export interface TextFormatOptions {
  /** ANSI colours; only for a terminal with NO_COLOR unset (cli-environment.ts decides). */
  readonly colour: boolean;
}

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
};
const SEVERITY_COLOUR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan };

export function formatText(report: AnalysisReport, options: TextFormatOptions): string {
  const paint = painter(options.colour);
  const lines: string[] = [];
  for (const diagnostic of report.diagnostics) {
    const where = `${report.displayPath(diagnostic.uri)}:${oneBased(diagnostic.range.start)}:`;
    const cluster = diagnostic.cluster ? ` ${paint(ANSI.dim, `[cluster ${diagnostic.cluster}]`)}` : '';
    lines.push(
      `${paint(ANSI.bold, where)} ${paint(SEVERITY_COLOUR[diagnostic.severity], diagnostic.severity)} ` +
        `${paint(ANSI.dim, diagnostic.code)} ${singleLine(diagnostic.message)}${cluster}`,
    );
    for (const related of diagnostic.related) {
      const cluster = related.cluster ? ` [cluster ${related.cluster}]` : '';
      lines.push(
        `  ${report.displayPath(related.uri)}:${oneBased(related.range.start)}: note: ${singleLine(related.message)}${cluster}`,
      );
    }
  }
  return lines.map((line) => `${line}\n`).join('');
}

/** `2 errors, 1 warning in 2 files (5 files analyzed)`, or `no problems (5 files analyzed)`. */
export function formatSummary(report: AnalysisReport, options: TextFormatOptions): string {
  const paint = painter(options.colour);
  const analyzed = `(${plural(report.files.length, 'file')} analyzed)`;
  const counts = [
    [report.count('error'), 'error', 'errors', 'error'],
    [report.count('warning'), 'warning', 'warnings', 'warning'],
    [report.count('info'), 'info', 'info', 'info'],
  ] as const;
  const parts = counts
    .filter(([count]) => count > 0)
    .map(([count, one, many, severity]) =>
      paint(SEVERITY_COLOUR[severity], `${count} ${count === 1 ? one : many}`),
    );
  // A partly read cluster is said after the counts: "no problems" may only mean "nothing seen".
  const partial = report
    .incompleteClusters()
    .map((cluster) => `${paint(ANSI.yellow, 'partial analysis')}: ${describeIncomplete(cluster)}\n`)
    .join('');
  if (parts.length === 0) return `no problems ${analyzed}\n${partial}`;
  return `${parts.join(', ')} in ${plural(report.filesWithFindings(), 'file')} ${analyzed}\n${partial}`;
}

function oneBased(position: Position): string {
  return `${position.line + 1}:${position.character + 1}`;
}

/** Messages are one line in this format; a multi-line message would break line-based tools. */
function singleLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function painter(enabled: boolean): (style: string, text: string) => string {
  return enabled ? (style, text) => `${style}${text}${ANSI.reset}` : (_style, text) => text;
}
