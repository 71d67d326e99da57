/**
 * Modelines: `# meshwright: clusters=east,west` comment lines that narrow the targets of the documents
 * after them (until the next modeline). Pure text scanning, no YAML parse: a modeline is a whole-line
 * comment, so it is found line by line, with the exact range of every cluster name for diagnostics,
 * hover and the "narrow targets" edit.
 *
 * Syntax, tolerant of spaces: `#meshwright:clusters = east, west`; entries separated by `;`; `clusters=*`
 * cancels an earlier modeline (the documents after it get the setting's or the default targets again).
 * Unknown keys, an empty list or `*` among names are problems, reported with the way out.
 */
import { type Range } from '../../mesh/diagnostic';
import { closestName } from '../../text/closest-name';

export const MODELINE_KEYS = ['clusters'] as const;
/** `clusters=*`: back to the setting's or the default targets. */
export const RESET_VALUE = '*';

export interface ModelineName {
  readonly name: string;
  readonly range: Range;
}

export interface ModelineClusters {
  /** The names as written, in order (duplicates dropped); empty for a reset. */
  readonly names: readonly ModelineName[];
  /** `clusters=*`. */
  readonly reset: boolean;
  /** The whole value after `=` (what the "narrow targets" edit replaces). */
  readonly valueRange: Range;
}

export interface ModelineProblem {
  readonly message: string;
  readonly range: Range;
}

export interface Modeline {
  /** Zero-based line in the file. */
  readonly line: number;
  /** From the `#` to the end of the line. */
  readonly range: Range;
  /** The `clusters=` entry; null when the modeline has none (then it changes nothing). */
  readonly clusters: ModelineClusters | null;
  readonly problems: readonly ModelineProblem[];
}

const MODELINE = /^(\s*)#\s*meshwright\s*:/i;

/** Every modeline of a file, in order. */
export function findModelines(text: string): Modeline[] {
  if (!/meshwright/i.test(text)) return [];
  const found: Modeline[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, line) => {
    const lineText = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const match = MODELINE.exec(lineText);
    if (match) found.push(parseModeline(lineText, line, match[1]!.length, match[0].length));
  });
  return found;
}

/** The text of a modeline naming `clusters` (empty: a reset). */
export function formatModeline(clusters: readonly string[]): string {
  return `# meshwright: clusters=${clusters.length > 0 ? clusters.join(',') : RESET_VALUE}`;
}

function parseModeline(text: string, line: number, hash: number, bodyStart: number): Modeline {
  const span = (start: number, end: number): Range => ({
    start: { line, character: start },
    end: { line, character: end },
  });
  const problems: ModelineProblem[] = [];
  let clusters: ModelineClusters | null = null;
  let offset = bodyStart;
  for (const part of text.slice(bodyStart).split(';')) {
    const partStart = offset;
    offset += part.length + 1;
    if (part.trim() === '') continue;
    const equals = part.indexOf('=');
    const keyText = equals === -1 ? part : part.slice(0, equals);
    const keyStart = partStart + leadingSpaces(keyText);
    const key = keyText.trim();
    const keyRange = span(keyStart, keyStart + key.length);
    if (equals === -1) {
      problems.push({
        message: `This modeline entry "${key}" has no value: write key=value, e.g. "# meshwright: clusters=east,west".`,
        range: keyRange,
      });
      continue;
    }
    if (!(MODELINE_KEYS as readonly string[]).includes(key)) {
      const suggestion = closestName(key, MODELINE_KEYS);
      problems.push({
        message: `Unknown modeline key "${key}"${suggestion ? `: did you mean "${suggestion}"?` : '.'} Meshwright modelines know only clusters=NAME[,NAME...] (or clusters=* for the default targets); this entry is ignored.`,
        range: keyRange,
      });
      continue;
    }
    const valueStart = partStart + equals + 1;
    const valueText = part.slice(equals + 1);
    const trimmedStart = valueStart + leadingSpaces(valueText);
    const valueRange = span(trimmedStart, Math.max(trimmedStart, valueStart + valueText.trimEnd().length));
    if (clusters) {
      problems.push({
        message:
          'This modeline names clusters twice; only the first clusters= entry counts. Merge them into one.',
        range: keyRange,
      });
      continue;
    }
    clusters = readClusters(valueText, valueStart, valueRange, span, problems);
  }
  if (clusters === null && problems.length === 0) {
    problems.push({
      message:
        'This meshwright modeline says nothing: write "# meshwright: clusters=east,west" to choose the clusters the documents after it are meant for.',
      range: span(hash, text.length),
    });
  }
  return { line, range: span(hash, text.length), clusters, problems };
}

function readClusters(
  value: string,
  valueStart: number,
  valueRange: Range,
  span: (start: number, end: number) => Range,
  problems: ModelineProblem[],
): ModelineClusters | null {
  const names: ModelineName[] = [];
  let reset = false;
  for (const token of value.matchAll(/[^,\s]+/g)) {
    const start = valueStart + (token.index ?? 0);
    const range = span(start, start + token[0].length);
    if (token[0] === RESET_VALUE) reset = true;
    else if (!names.some((known) => known.name === token[0])) names.push({ name: token[0], range });
  }
  if (reset && names.length > 0) {
    problems.push({
      message: `clusters=* means the default targets and cannot be combined with names: write either clusters=* or clusters=${names.map((n) => n.name).join(',')}.`,
      range: valueRange,
    });
    return { names, reset: false, valueRange };
  }
  if (!reset && names.length === 0) {
    problems.push({
      message:
        'This modeline names no cluster: write clusters=east,west (kubeconfig context or --cluster names), or clusters=* for the default targets.',
      range: valueRange,
    });
    return null;
  }
  return { names, reset, valueRange };
}

function leadingSpaces(text: string): number {
  return text.length - text.trimStart().length;
}
