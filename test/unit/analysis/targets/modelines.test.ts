import assert from 'node:assert/strict';
import { findModelines, formatModeline } from '../../../../server/src/analysis/targets/modelines';

const names = (text: string): string[][] =>
  findModelines(text).map((m) => (m.clusters?.names ?? []).map((n) => n.name));

describe('targets: modelines', () => {
  it('finds `# meshwright: clusters=...` comment lines, tolerating spaces, with each name located', () => {
    const text = [
      'apiVersion: v1',
      '# meshwright: clusters=east,west',
      '  #meshwright:clusters = east , west',
      '#   MeshWright :   clusters=north',
    ].join('\n');
    const found = findModelines(text);
    assert.deepEqual(
      found.map((m) => m.line),
      [1, 2, 3],
    );
    assert.deepEqual(names(text), [['east', 'west'], ['east', 'west'], ['north']]);
    const west = found[1]!.clusters!.names[1]!;
    assert.equal(text.split('\n')[2]!.slice(west.range.start.character, west.range.end.character), 'west');
    assert.equal(
      found.every((m) => m.problems.length === 0),
      true,
    );
  });

  it('ignores trailing comments, caret markers and files without modelines', () => {
    assert.deepEqual(findModelines('kind: VirtualService # meshwright: clusters=east\n'), []);
    assert.deepEqual(findModelines('#   ^^^^ MESH107 x | meshwright: clusters=edge\n'), []);
    assert.deepEqual(findModelines('apiVersion: v1\nkind: Service\n'), []);
  });

  it('reads clusters=* as a reset to the default targets, and drops repeated names', () => {
    const [reset, repeated] = findModelines('# meshwright: clusters=*\n# meshwright: clusters=east,east\n');
    assert.equal(reset!.clusters!.reset, true);
    assert.deepEqual(reset!.clusters!.names, []);
    assert.deepEqual(
      repeated!.clusters!.names.map((n) => n.name),
      ['east'],
    );
  });

  it('reports unknown keys (with a suggestion), empty lists, * among names and empty modelines', () => {
    const problems = (line: string): string[] => findModelines(line)[0]!.problems.map((p) => p.message);
    assert.match(
      problems('# meshwright: cluster=east')[0]!,
      /Unknown modeline key "cluster": did you mean "clusters"\?/,
    );
    assert.match(problems('# meshwright: clusters=')[0]!, /names no cluster/);
    assert.match(problems('# meshwright: clusters=*,east')[0]!, /cannot be combined with names/);
    assert.match(problems('# meshwright:')[0]!, /says nothing/);
    assert.match(problems('# meshwright: clusters')[0]!, /has no value/);
    assert.match(problems('# meshwright: clusters=east; clusters=west')[0]!, /names clusters twice/);
    const unknown = findModelines('# meshwright: owner=team-a; clusters=east')[0]!;
    assert.deepEqual(
      unknown.clusters!.names.map((n) => n.name),
      ['east'],
      'a bad entry does not spoil the good one',
    );
    const keyRange = unknown.problems[0]!.range;
    assert.equal(
      '# meshwright: owner=team-a'.slice(keyRange.start.character, keyRange.end.character),
      'owner',
    );
  });

  it('formats a modeline for names or for the default', () => {
    assert.equal(formatModeline(['east', 'west']), '# meshwright: clusters=east,west');
    assert.equal(formatModeline([]), '# meshwright: clusters=*');
  });
});
