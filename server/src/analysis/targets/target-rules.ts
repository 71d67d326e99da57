/**
 * The `meshwright.targets` setting (and the CLI's `--targets`): workspace-relative globs mapped to the
 * clusters their documents are meant for, e.g. `[{ "files": "east/**", "clusters": ["east"] }]`. The
 * first rule whose glob matches a file decides; a modeline in the file beats it. Globs: `**` (any depth),
 * `*` and `?` (within one path segment), `{a,b}`, `[abc]`; a pattern without wildcards also matches
 * everything under it as a directory (`policies/east` = `policies/east/**`).
 */

import { sameJson } from '../../text/same-json';

export interface TargetRule {
  /** Workspace-relative glob, `/`-separated. */
  readonly files: string;
  /** Cluster (kubeconfig context or `--cluster`) names. */
  readonly clusters: readonly string[];
}

interface CompiledRule {
  readonly rule: TargetRule;
  readonly pattern: RegExp;
}

export class TargetRules {
  static readonly NONE = new TargetRules([]);

  private readonly compiled: readonly CompiledRule[];

  constructor(rules: readonly TargetRule[]) {
    this.compiled = rules
      .filter((rule) => rule.files.trim() !== '' && rule.clusters.length > 0)
      .map((rule) => ({ rule, pattern: globToRegExp(rule.files.trim()) }));
  }

  get size(): number {
    return this.compiled.length;
  }

  /** The first rule matching a workspace-relative path (`/`-separated). */
  match(relativePath: string): TargetRule | undefined {
    const normalized = relativePath.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
    return this.compiled.find((entry) => entry.pattern.test(normalized))?.rule;
  }

  /** Same rules (settings changes that keep them need no re-targeting). */
  sameAs(other: TargetRules): boolean {
    return sameJson(
      this.compiled.map((c) => c.rule),
      other.compiled.map((c) => c.rule),
    );
  }
}

/** A glob as an anchored regular expression over `/`-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let pattern = glob.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  if (pattern.endsWith('/')) pattern += '**';
  const literal = !/[*?[{]/.test(pattern);
  return new RegExp(`^${globSource(pattern)}${literal ? '(?:/.*)?' : ''}$`);
}

function globSource(pattern: string): string {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        // `**/` matches zero or more directories; a trailing `**` everything below.
        const slash = pattern[i + 2] === '/';
        source += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else if (char === '{') {
      const close = pattern.indexOf('}', i);
      if (close === -1) source += '\\{';
      else {
        const options = pattern.slice(i + 1, close).split(',');
        source += `(?:${options.map(globSource).join('|')})`;
        i = close;
      }
    } else if (char === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) source += '\\[';
      else {
        const body = pattern
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = close;
      }
    } else source += char.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return source;
}
