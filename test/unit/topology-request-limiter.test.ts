/**
 * The request limiter: tasks wait for a free slot; a task may give its slot back before it ends (a list
 * whose answer is slow in coming), and a slot given back early is not given back twice.
 */
import assert from 'node:assert/strict';
import { RequestLimiter } from '../../server/src/topology/kube-api/request-limiter';

/** A promise and the function that resolves it. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** Lets every pending promise callback run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('request limiter', () => {
  it('runs at most `limit` tasks at once, the next when one ends', async () => {
    const limiter = new RequestLimiter(1);
    const started: string[] = [];
    const first = deferred();
    const a = limiter.run(async () => {
      started.push('a');
      await first.promise;
    });
    const b = limiter.run(async () => {
      started.push('b');
    });
    await settle();
    assert.deepEqual(started, ['a']);
    first.resolve();
    await Promise.all([a, b]);
    assert.deepEqual(started, ['a', 'b']);
  });

  it('a task that gives its slot back lets the next one start while it goes on, and only once', async () => {
    const limiter = new RequestLimiter(1);
    const started: string[] = [];
    const aGoesOn = deferred();
    const bGoesOn = deferred();
    const a = limiter.run(async (giveTurn) => {
      started.push('a');
      giveTurn();
      giveTurn();
      await aGoesOn.promise;
    });
    const b = limiter.run(async () => {
      started.push('b');
      await bGoesOn.promise;
    });
    const c = limiter.run(async () => {
      started.push('c');
    });
    await settle();
    assert.deepEqual(started, ['a', 'b'], 'b has the slot a gave back; c waits');
    aGoesOn.resolve();
    await a;
    await settle();
    assert.deepEqual(started, ['a', 'b'], "a's end does not free a second slot");
    bGoesOn.resolve();
    await Promise.all([b, c]);
    assert.deepEqual(started, ['a', 'b', 'c']);
  });
});
