import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../protocol/requests';
import { SettingsStore, normalizeSettings } from '../../server/src/lsp/settings';

describe('normalizeSettings', () => {
  it('reads the nested shape editors send', () => {
    assert.deepEqual(
      normalizeSettings({
        validation: { enable: false },
        kubeconfig: '/home/me/.kube/config',
        contexts: ['east'],
      }),
      {
        ...DEFAULT_SETTINGS,
        validation: { enable: false },
        kubeconfig: '/home/me/.kube/config',
        contexts: ['east'],
      },
    );
  });

  it('reads suppressions, offline clusters and the mesh config path', () => {
    assert.deepEqual(
      normalizeSettings({
        suppress: ['IST0102=Namespace *'],
        clusters: { east: ['clusters/east', 'east.yaml'], west: 'clusters/west', broken: [1], '': ['x'] },
        meshConfig: ' mesh/istio.yaml ',
      }),
      {
        ...DEFAULT_SETTINGS,
        suppress: ['IST0102=Namespace *'],
        clusters: { east: ['clusters/east', 'east.yaml'], west: ['clusters/west'] },
        meshConfig: 'mesh/istio.yaml',
      },
    );
    assert.deepEqual(normalizeSettings({ suppress: 'IST0102=Namespace *', clusters: [] }), DEFAULT_SETTINGS);
  });

  it('reads dotted keys', () => {
    assert.equal(normalizeSettings({ 'validation.enable': false }).validation.enable, false);
  });

  it('falls back to the default for each missing or mistyped field', () => {
    assert.deepEqual(normalizeSettings(null), DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings('yes'), DEFAULT_SETTINGS);
    assert.deepEqual(
      normalizeSettings({ validation: { enable: 'no' }, kubeconfig: 42, contexts: ['east', 7] }),
      DEFAULT_SETTINGS,
    );
  });
});

describe('SettingsStore', () => {
  it('pulls the settings once and again after a change notification', async () => {
    let answer: unknown = { validation: { enable: false } };
    let pulls = 0;
    const store = new SettingsStore(() => {
      pulls++;
      return Promise.resolve(answer);
    });
    assert.equal((await store.get()).validation.enable, false);
    assert.equal((await store.get()).validation.enable, false);
    assert.equal(pulls, 1);
    answer = { validation: { enable: true } };
    store.changed(null);
    assert.equal((await store.get()).validation.enable, true);
    assert.equal(pulls, 2);
  });

  it('uses pushed settings when the client cannot be asked', async () => {
    const store = new SettingsStore(undefined, { validation: { enable: false } });
    assert.equal((await store.get()).validation.enable, false);
    store.changed({ meshwright: { validation: { enable: true } } });
    assert.equal((await store.get()).validation.enable, true);
  });

  it('uses pushed settings when the client answers null for the section', async () => {
    const store = new SettingsStore(() => Promise.resolve(null), { validation: { enable: false } });
    assert.equal((await store.get()).validation.enable, false);
  });

  it('falls back to defaults with a message when the request fails, and asks again next time', async () => {
    const messages: string[] = [];
    let fail = true;
    const store = new SettingsStore(
      () =>
        fail
          ? Promise.reject(new Error('method not found'))
          : Promise.resolve({ validation: { enable: false } }),
      undefined,
      (message) => messages.push(message),
    );
    assert.deepEqual(await store.get(), DEFAULT_SETTINGS);
    assert.match(
      messages[0] ?? '',
      /could not read the "meshwright" settings from the editor \(Error: method not found\); using defaults/,
    );
    fail = false;
    assert.equal((await store.get()).validation.enable, false);
  });
});
