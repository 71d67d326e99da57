/**
 * The change feed: the first change after a quiet period is handed over at once, with whatever came in
 * the same turn of the event loop; changes that follow a hand-over closely are batched together.
 */
import assert from 'node:assert/strict';
import { ChangeFeed, type ClusterChange } from '../../server/src/topology/change-feed';

/** Lets timers and immediates queued so far run. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('topology change feed', () => {
  let batches: ClusterChange[][];
  let feed: ChangeFeed;
  afterEach(() => feed.dispose());

  it('hands over a change after a quiet period at once, with the changes of the same turn', async () => {
    batches = [];
    // A quiet period far longer than the test: a hand-over that waited for it would never come.
    feed = new ChangeFeed({ quietMs: 60_000, maxWaitMs: 120_000 }, (batch) => batches.push([...batch]));
    feed.objectsChanged('east', ['DestinationRule.networking.istio.io bookinfo/reviews']);
    feed.objectsChanged('west', ['Service bookinfo/reviews']);
    feed.healthChanged('west');
    assert.equal(batches.length, 0, 'not within the call');
    await turn();
    assert.deepEqual(batches, [
      [
        {
          cluster: 'east',
          keys: ['DestinationRule.networking.istio.io bookinfo/reviews'],
          healthChanged: false,
        },
        { cluster: 'west', keys: ['Service bookinfo/reviews'], healthChanged: true },
      ],
    ]);
  });

  it('batches the changes that follow a hand-over closely', async () => {
    batches = [];
    feed = new ChangeFeed({ quietMs: 60_000, maxWaitMs: 100 }, (batch) => batches.push([...batch]));
    feed.objectsChanged('east', ['Pod bookinfo/a']);
    await turn();
    assert.equal(batches.length, 1);
    feed.objectsChanged('east', ['Pod bookinfo/b']);
    await turn();
    feed.objectsChanged('east', ['Pod bookinfo/c']);
    await turn();
    assert.equal(batches.length, 1, 'b and c wait: they follow a hand-over');
    await until(() => batches.length === 2, 'the batch of b and c');
    assert.deepEqual(batches[1], [
      { cluster: 'east', keys: ['Pod bookinfo/b', 'Pod bookinfo/c'], healthChanged: false },
    ]);
  });

  it('flushNow hands over at once, and nothing after dispose', async () => {
    batches = [];
    feed = new ChangeFeed({ quietMs: 60_000, maxWaitMs: 120_000 }, (batch) => batches.push([...batch]));
    feed.objectsChanged('east', ['Pod bookinfo/a']);
    feed.flushNow();
    assert.equal(batches.length, 1);
    feed.objectsChanged('east', ['Pod bookinfo/b']);
    feed.dispose();
    await turn();
    assert.equal(batches.length, 1);
  });
});
