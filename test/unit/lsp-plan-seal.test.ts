/**
 * The plan token: an apply is accepted only with the text and (a subset of) the clusters of the dry run
 * that issued it, by the server that issued it.
 */
import assert from 'node:assert/strict';
import { PlanSeal } from '../../server/src/lsp/plan-seal';

describe('lsp: plan seal', () => {
  const seal = new PlanSeal();
  const token = seal.issue('kind: VirtualService\n', ['east', 'west', 'edge']);

  it('accepts the planned text on the planned clusters or some of them', () => {
    assert.deepEqual(seal.check(token, 'kind: VirtualService\n', ['west']), { sealed: true });
    assert.deepEqual(seal.check(token, 'kind: VirtualService\n', ['east', 'west', 'edge']), { sealed: true });
  });

  it('refuses another text, an unplanned cluster, no token, a forged cluster list, another server', () => {
    const refused = (check: ReturnType<PlanSeal['check']>): string => (check.sealed ? '' : check.reason);
    assert.match(
      refused(seal.check(token, 'kind: VirtualService\n# edited\n', ['east'])),
      /not the one the dry run/,
    );
    assert.match(
      refused(seal.check(token, 'kind: VirtualService\n', ['east', 'prod'])),
      /did not include prod;/,
    );
    assert.match(refused(seal.check(undefined, 'kind: VirtualService\n', ['east'])), /no planToken/);
    const [, mac] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify(['prod'])).toString('base64url')}.${mac}`;
    assert.match(refused(seal.check(forged, 'kind: VirtualService\n', ['prod'])), /not the one the dry run/);
    assert.match(
      refused(new PlanSeal().check(token, 'kind: VirtualService\n', ['east'])),
      /not the one the dry run/,
    );
  });
});
