/**
 * The checklist as text: the checks grouped under their section (reachability, identity, trust, remote
 * secrets, gateways and networks, versions, config drift), one line each with a mark (✔ pass,
 * ‼ warn, ✖ fail), the code it shares with `meshwright analyze`, and the hint under each warning or
 * failure; a count at the end.
 */
import { type CheckResult, type CheckStatus, checkSection } from '../../../protocol/check-results';

const MARKS: Record<CheckStatus, string> = { pass: '✔', warn: '‼', fail: '✖' };
const COLOURS: Record<CheckStatus, string> = { pass: '\u001b[32m', warn: '\u001b[33m', fail: '\u001b[31m' };
const RESET = '\u001b[0m';

export function formatCheckText(checks: readonly CheckResult[], options: { colour: boolean }): string {
  const lines: string[] = [];
  let section: string | null = null;
  for (const check of checks) {
    const title = checkSection(check.name);
    if (title !== section) {
      if (section !== null) lines.push('');
      section = title;
      lines.push(title);
    }
    const mark = options.colour
      ? `${COLOURS[check.status]}${MARKS[check.status]}${RESET}`
      : MARKS[check.status];
    lines.push(`  ${mark} ${check.message}${check.code ? ` [${check.code}]` : ''}`);
    if (check.hint && check.status !== 'pass') lines.push(`      hint: ${check.hint}`);
  }
  const count = (status: CheckStatus) => checks.filter((c) => c.status === status).length;
  lines.push(
    '',
    `${count('pass')} passed, ${count('warn')} warning${count('warn') === 1 ? '' : 's'}, ${count('fail')} failed`,
  );
  return `${lines.join('\n')}\n`;
}
