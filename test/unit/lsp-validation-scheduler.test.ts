import assert from 'node:assert/strict';
import { type Timers, ValidationScheduler } from '../../server/src/lsp/validation-scheduler';

/** A clock that only moves when the test says so. */
class FakeTimers implements Timers {
  private now = 0;
  private nextId = 1;
  private readonly due = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.due.set(id, { at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }

  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.due].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.now) continue;
      this.due.delete(id);
      timer.callback();
    }
  }

  get pending(): number {
    return this.due.size;
  }
}

/** A validation the test finishes by hand, to observe what happens while it runs. */
interface PendingValidation {
  readonly text: string;
  finish(result?: string): Promise<void>;
  fail(error: Error): Promise<void>;
}

/** Lets promise continuations run (not a sleep: no time passes on any clock). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function harness(delayMs = 200) {
  const timers = new FakeTimers();
  const documents = new Map<string, { version: number; text: string }>();
  const validations: PendingValidation[] = [];
  const published: [string, number, string][] = [];
  const cleared: string[] = [];
  const errors: string[] = [];
  const scheduler = new ValidationScheduler<string>({
    delayMs,
    timers,
    snapshot: (uri) => documents.get(uri),
    validate: (_uri, text) =>
      new Promise<string>((resolve, reject) => {
        validations.push({
          text,
          finish: async (result = `result of ${text}`) => {
            resolve(result);
            await settle();
          },
          fail: async (error) => {
            reject(error);
            await settle();
          },
        });
      }),
    publish: (uri, version, result) => published.push([uri, version, result]),
    clear: (uri) => cleared.push(uri),
    onError: (uri, error) => errors.push(`${uri}: ${(error as Error).message}`),
  });
  const edit = (uri: string, text: string): void => {
    documents.set(uri, { version: (documents.get(uri)?.version ?? 0) + 1, text });
  };
  return { timers, documents, validations, published, cleared, errors, scheduler, edit };
}

describe('ValidationScheduler', () => {
  it('validates a change only after the quiet period', async () => {
    const h = harness();
    h.edit('a', 'v1');
    h.scheduler.changed('a');
    h.timers.advance(199);
    assert.equal(h.validations.length, 0);
    h.timers.advance(1);
    assert.deepEqual(
      h.validations.map((v) => v.text),
      ['v1'],
    );
    await h.validations[0]?.finish();
    assert.deepEqual(h.published, [['a', 1, 'result of v1']]);
  });

  it('restarts the quiet period on every change and validates the latest text once', async () => {
    const h = harness();
    h.edit('a', 'v1');
    h.scheduler.changed('a');
    h.timers.advance(150);
    h.edit('a', 'v2');
    h.scheduler.changed('a');
    h.timers.advance(150);
    assert.equal(h.validations.length, 0);
    h.timers.advance(50);
    assert.deepEqual(
      h.validations.map((v) => v.text),
      ['v2'],
    );
    await h.validations[0]?.finish();
    assert.deepEqual(h.published, [['a', 2, 'result of v2']]);
  });

  it('validates at once on now() (open, save) and cancels the pending debounce', async () => {
    const h = harness();
    h.edit('a', 'v1');
    h.scheduler.changed('a');
    h.scheduler.now('a');
    assert.equal(h.validations.length, 1);
    assert.equal(h.timers.pending, 0);
    await h.validations[0]?.finish();
    h.timers.advance(1_000);
    assert.equal(h.validations.length, 1);
    assert.deepEqual(h.published, [['a', 1, 'result of v1']]);
  });

  it('does not re-validate for the change notification that accompanies an open', async () => {
    const h = harness();
    h.edit('a', 'v1');
    h.scheduler.now('a'); // didOpen
    h.scheduler.changed('a'); // TextDocuments reports the opening content as a change as well
    await h.validations[0]?.finish();
    h.timers.advance(1_000);
    assert.equal(h.validations.length, 1);
  });

  it('never runs two validations of one URI at once, and drops the superseded result', async () => {
    const h = harness();
    h.edit('a', 'v1');
    h.scheduler.now('a');
    h.edit('a', 'v2');
    h.scheduler.now('a'); // e.g. a save while v1 is still being validated
    assert.equal(h.validations.length, 1, 'second run must wait for the first');

    await h.validations[0]?.finish();
    assert.deepEqual(h.published, [], 'the v1 result is stale and must not be published');
    assert.deepEqual(
      h.validations.map((v) => v.text),
      ['v1', 'v2'],
    );
    await h.validations[1]?.finish();
    assert.deepEqual(h.published, [['a', 2, 'result of v2']]);
  });

  it('drops a result whose document changed meanwhile and lets the debounce validate the new text', async () => {
    const h = harness();
    h.edit('a', 'v1');
    h.scheduler.now('a');
    h.edit('a', 'v2');
    h.scheduler.changed('a');
    await h.validations[0]?.finish();
    assert.deepEqual(h.published, []);
    h.timers.advance(200);
    await h.validations[1]?.finish();
    assert.deepEqual(h.published, [['a', 2, 'result of v2']]);
  });

  it('keeps URIs independent', async () => {
    const h = harness();
    h.edit('a', 'a1');
    h.edit('b', 'b1');
    h.scheduler.now('a');
    h.scheduler.now('b');
    assert.equal(h.validations.length, 2);
    await h.validations[1]?.finish();
    await h.validations[0]?.finish();
    assert.deepEqual(h.published, [
      ['b', 1, 'result of b1'],
      ['a', 1, 'result of a1'],
    ]);
  });

  it('clears on close, cancels the pending debounce and never publishes an in-flight result', async () => {
    const h = harness();
    h.edit('a', 'v1');
    h.scheduler.now('a');
    h.edit('a', 'v2');
    h.scheduler.changed('a');
    h.documents.delete('a');
    h.scheduler.closed('a');
    assert.deepEqual(h.cleared, ['a']);
    assert.equal(h.timers.pending, 0);
    await h.validations[0]?.finish();
    assert.deepEqual(h.published, []);
    assert.ok(h.scheduler.isIdle());
  });

  it('after close and reopen, waits for the old run and publishes only the reopened text', async () => {
    const h = harness();
    h.documents.set('a', { version: 1, text: 'old' });
    h.scheduler.now('a');
    h.documents.delete('a');
    h.scheduler.closed('a');
    h.documents.set('a', { version: 1, text: 'reopened' }); // versions restart at each open
    h.scheduler.now('a');
    assert.equal(h.validations.length, 1, 'the reopened document waits for the running validation');

    await h.validations[0]?.finish();
    assert.deepEqual(h.published, []);
    await h.validations[1]?.finish();
    assert.deepEqual(h.published, [['a', 1, 'result of reopened']]);
  });

  it('reports a failed validation and keeps working', async () => {
    const h = harness();
    h.edit('a', 'v1');
    h.scheduler.now('a');
    await h.validations[0]?.fail(new Error('parser exploded'));
    assert.deepEqual(h.errors, ['a: parser exploded']);
    assert.deepEqual(h.published, []);
    h.edit('a', 'v2');
    h.scheduler.changed('a');
    h.timers.advance(200);
    await h.validations[1]?.finish();
    assert.deepEqual(h.published, [['a', 2, 'result of v2']]);
  });

  it('ignores documents it cannot see (closed or not YAML)', () => {
    const h = harness();
    h.scheduler.changed('ghost');
    h.scheduler.now('ghost');
    h.timers.advance(1_000);
    assert.equal(h.validations.length, 0);
    assert.ok(h.scheduler.isIdle());
  });
});
