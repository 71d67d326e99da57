/**
 * The analysis gets live snapshots once the first sync is over: held while a cluster still connects,
 * delivered (the latest only) when none does or after the longest hold, passed straight on afterwards.
 */
import assert from 'node:assert/strict';
import { type ClusterState } from '../../protocol/cluster-states';
import { type ClusterHealth } from '../../server/src/topology/cluster-health';
import { type TopologySnapshot } from '../../server/src/mesh/snapshot';
import { FirstSyncGate } from '../../server/src/lsp/first-sync-gate';
import { type Timers } from '../../server/src/lsp/validation-scheduler';

class ManualTimers implements Timers {
  readonly pending = new Map<number, () => void>();
  private next = 0;
  setTimeout(callback: () => void): unknown {
    this.next += 1;
    this.pending.set(this.next, callback);
    return this.next;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fireAll(): void {
    const callbacks = [...this.pending.values()];
    this.pending.clear();
    callbacks.forEach((callback) => callback());
  }
}

const snapshot = (version: number): TopologySnapshot => ({ version, clusters: [] });
const health = (...states: ClusterState[]): ClusterHealth[] =>
  states.map((state, index) => ({ cluster: `c${index}`, state }) as unknown as ClusterHealth);

describe('FirstSyncGate', () => {
  let timers: ManualTimers;
  let delivered: number[];
  let gate: FirstSyncGate;

  beforeEach(() => {
    timers = new ManualTimers();
    delivered = [];
    gate = new FirstSyncGate((given) => delivered.push(given.version), timers, 10_000);
  });

  it('delivers at once when no cluster is connecting (none configured, or all read)', () => {
    gate.offer(snapshot(1), []);
    gate.offer(snapshot(2), health('synced', 'unreachable'));
    assert.deepEqual(delivered, [1, 2]);
    assert.equal(timers.pending.size, 0);
  });

  it('holds the first sync, delivers only its last snapshot, then lets every later one through', () => {
    gate.offer(snapshot(1), health('connecting', 'connecting'));
    gate.offer(snapshot(2), health('synced', 'connecting'));
    assert.deepEqual(delivered, []);
    gate.offer(snapshot(3), health('synced', 'refused'));
    assert.deepEqual(delivered, [3]);
    assert.equal(timers.pending.size, 0, 'the hold timer is cleared');
    // A cluster connecting again later (it was down) holds nothing back.
    gate.offer(snapshot(4), health('synced', 'connecting'));
    assert.deepEqual(delivered, [3, 4]);
  });

  it('delivers what it holds when a cluster takes longer than the longest hold', () => {
    gate.offer(snapshot(1), health('connecting', 'connecting'));
    gate.offer(snapshot(2), health('synced', 'connecting'));
    timers.fireAll();
    assert.deepEqual(delivered, [2]);
    gate.offer(snapshot(3), health('synced', 'connecting'));
    assert.deepEqual(delivered, [2, 3]);
  });

  it('delivers nothing after it is disposed', () => {
    gate.offer(snapshot(1), health('connecting'));
    gate.dispose();
    timers.fireAll();
    gate.offer(snapshot(2), health('synced'));
    assert.deepEqual(delivered, []);
  });
});
