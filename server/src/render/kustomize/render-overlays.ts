/**
 * Renders several overlays, a few at a time. Each rendering is a short-lived process whose time is
 * mostly start-up, so running them side by side shortens a repository of many overlays several times
 * over, while a cap keeps a large repository from starting dozens of processes at once.
 */
import { type RenderSettings, renderOverlay } from './kustomize-renderer';
import { type KustomizeTree } from './kustomize-tree';
import { type RenderOutcome } from './rendered-overlay';

export const RENDERINGS_AT_ONCE = 4;

/** The outcomes in the order of `roots`. */
export async function renderOverlays(
  tree: KustomizeTree,
  roots: readonly string[],
  settings: RenderSettings,
  atOnce = RENDERINGS_AT_ONCE,
): Promise<RenderOutcome[]> {
  const outcomes: RenderOutcome[] = new Array<RenderOutcome>(roots.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < roots.length) {
      const index = next++;
      outcomes[index] = await renderOverlay(tree, roots[index] as string, settings);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, roots.length) }, worker));
  return outcomes;
}
