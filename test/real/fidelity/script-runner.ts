/**
 * Runs the fidelity script against one server and returns what each step observed, in order. A step
 * whose request fails outright (no answer) records the error, so that one broken step shows as one
 * difference instead of hiding the rest.
 */
import { type ApiTarget } from './api-targets';
import { type FidelityStep, resolve, ScriptMemory } from './script-step';
import { observe } from './normalise';

export interface StepResult {
  readonly step: string;
  readonly observed: unknown;
}

export async function runScript(target: ApiTarget, script: readonly FidelityStep[]): Promise<StepResult[]> {
  const memory = new ScriptMemory();
  const results: StepResult[] = [];
  for (const step of script) {
    try {
      if (step.compactFirst) await target.compact();
      const answer = await target.request(step.identity ?? 'admin', resolve(step.path, memory), {
        method: step.method ?? 'GET',
        body: step.body === undefined ? undefined : resolve(step.body, memory),
        contentType: step.contentType,
        accept: step.accept,
        gzip: step.gzip,
      });
      step.remember?.(answer, memory);
      results.push({
        step: step.name,
        observed: step.observe ? step.observe(answer, memory) : observe(answer),
      });
    } catch (error) {
      results.push({
        step: step.name,
        observed: { failed: error instanceof Error ? error.message : String(error) },
      });
    }
  }
  return results;
}
