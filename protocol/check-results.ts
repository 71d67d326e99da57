/**
 * The shape of `meshwright check`'s results, printed as text or as the JSON contract of docs/check.md:
 * `{"version": 1, "checks": [{"name", "status", "clusters", "code"?, "message", "hint"?}]}`.
 */

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface CheckResult {
  /** The check: `reachability`, `trust roots`, `remote secret`, ... (docs/check.md lists them all). */
  readonly name: string;
  readonly status: CheckStatus;
  /** The cluster, or the pair (primary first, then the cluster it reads), the line is about. */
  readonly clusters: readonly string[];
  /** The diagnostic code the finding shares with `meshwright analyze`, when it has one. */
  readonly code?: string;
  readonly message: string;
  /** What to do about a warning or failure. */
  readonly hint?: string;
}

export const CHECK_REPORT_VERSION = 1;

export interface CheckReport {
  readonly version: typeof CHECK_REPORT_VERSION;
  readonly checks: readonly CheckResult[];
}

/** The section each check belongs to, in the checklist's order (the CLI's headings, the view's groups). */
const SECTIONS: Readonly<Record<string, string>> = {
  reachability: 'reachability',
  identity: 'identity',
  'policy principals': 'identity',
  'trust roots': 'trust',
  'certificate expiry': 'trust',
  'certificate authority': 'trust',
  'remote secret': 'remote secrets',
  'remote access': 'remote secrets',
  'east-west gateway': 'gateways and networks',
  'istiod versions': 'versions',
  'config drift': 'config drift',
};

export function checkSection(name: string): string {
  return SECTIONS[name] ?? name;
}
