/**
 * The demo mesh on real API servers, started once for a whole `mocha` run (starting three API servers
 * takes tens of seconds on two cores) and stopped by the root hook below, which mocha loads with
 * `--require`. Tests that change the shared clusters use names of their own or put things back.
 */
import { RealControlPlane } from './control-plane';
import { demoMesh } from './meshes';

let shared: Promise<RealControlPlane> | undefined;

export function sharedDemoControlPlane(): Promise<RealControlPlane> {
  shared ??= RealControlPlane.start(demoMesh());
  return shared;
}

export const mochaHooks = {
  async afterAll(): Promise<void> {
    const started = shared;
    shared = undefined;
    if (started) await (await started.catch(() => undefined))?.stop();
  },
};
