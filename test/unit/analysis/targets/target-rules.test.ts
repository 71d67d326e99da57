import assert from 'node:assert/strict';
import { TargetRules, globToRegExp } from '../../../../server/src/analysis/targets/target-rules';

describe('targets: meshwright.targets rules', () => {
  it('matches workspace-relative globs: **, *, ?, {a,b}, [..], and directories named plainly', () => {
    const matches = (glob: string, path: string): boolean => globToRegExp(glob).test(path);
    assert.ok(matches('east/**', 'east/a.yaml'));
    assert.ok(matches('east/**', 'east/deep/down/a.yaml'));
    assert.ok(matches('**/*.yaml', 'a.yaml'));
    assert.ok(matches('**/*.yaml', 'x/y/a.yaml'));
    assert.ok(!matches('*.yaml', 'x/a.yaml'), '* stays within one segment');
    assert.ok(matches('policies/{east,west}/*.yaml', 'policies/west/vs.yaml'));
    assert.ok(!matches('policies/{east,west}/*.yaml', 'policies/north/vs.yaml'));
    assert.ok(matches('v?.yaml', 'v1.yaml'));
    assert.ok(matches('[ab].yaml', 'b.yaml'));
    assert.ok(matches('policies/east', 'policies/east/vs.yaml'), 'a plain directory covers what is under it');
    assert.ok(matches('policies/east/', 'policies/east/vs.yaml'));
    assert.ok(!matches('policies/east', 'policies/eastern/vs.yaml'));
    assert.ok(
      matches('a.b+c.yaml', 'a.b+c.yaml') && !matches('a.b+c.yaml', 'aXb+c.yaml'),
      'regex characters are literal',
    );
  });

  it('takes the first matching rule, ignores rules without glob or clusters, and ./ prefixes', () => {
    const rules = new TargetRules([
      { files: '', clusters: ['x'] },
      { files: 'east/**', clusters: [] },
      { files: 'east/**', clusters: ['east'] },
      { files: '**', clusters: ['east', 'west'] },
    ]);
    assert.equal(rules.size, 2);
    assert.deepEqual(rules.match('./east/vs.yaml')?.clusters, ['east']);
    assert.deepEqual(rules.match('west/vs.yaml')?.clusters, ['east', 'west']);
    assert.ok(
      rules.sameAs(
        new TargetRules([
          { files: 'east/**', clusters: ['east'] },
          { files: '**', clusters: ['east', 'west'] },
        ]),
      ),
    );
    assert.equal(TargetRules.NONE.match('a.yaml'), undefined);
  });
});
