/**
 * The watch gate of one discovery: a synced cluster's watches wait for the other clusters' first sync,
 * open together when the last one is over, and never wait longer than the hold limit.
 */
import assert from 'node:assert/strict';
import { WatchGate } from '../../server/src/topology/watch-gate';

/** Settles to 'open' if the promise resolves within the current turn of the event loop, else 'held'. */
async function state(promise: Promise<void>): Promise<'open' | 'held'> {
  return Promise.race([
    promise.then(() => 'open' as const),
    new Promise<'held'>((resolve) => setImmediate(() => resolve('held'))),
  ]);
}

describe('watch gate', () => {
  it('holds a synced cluster while others are being read, and opens every held one with the last', async () => {
    let settled = 0;
    const gate = new WatchGate(() => settled === 3, 60_000);
    settled = 1;
    const first = gate.firstSyncOver();
    settled = 2;
    const second = gate.firstSyncOver();
    assert.equal(await state(first), 'held');
    assert.equal(await state(second), 'held');
    settled = 3;
    const last = gate.firstSyncOver();
    assert.equal(await state(last), 'open');
    assert.equal(await state(first), 'open');
    assert.equal(await state(second), 'open');
  });

  it('opens a held cluster after the hold limit, while another cluster is still being read', async () => {
    const gate = new WatchGate(() => false, 20);
    const held = gate.firstSyncOver();
    assert.equal(await state(held), 'held');
    await held;
    // The limit is each cluster's own: one that synced later waits its own hold.
    const later = gate.firstSyncOver();
    assert.equal(await state(later), 'held');
    await later;
    gate.openAll();
  });

  it('openAll lets every held watch go and leaves no timer behind', async () => {
    const gate = new WatchGate(() => false, 60_000);
    const held = [gate.firstSyncOver(), gate.firstSyncOver()];
    gate.openAll();
    assert.deepEqual(await Promise.all(held.map(state)), ['open', 'open']);
    assert.equal(await state(gate.firstSyncOver()), 'open');
  });
});
