/**
 * Whether a process still runs, for tests that check a killed process (a credential plugin, the helpers it
 * started) is really gone.
 */
import fs from 'node:fs';

/** A killed process whose parent is gone stays a zombie until init reaps it: that is dead too. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Waits a moment for the kill to land, then tells whether `pid` still runs. */
export async function stillAliveAfterKill(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 50 && isAlive(pid); attempt += 1)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return isAlive(pid);
}
