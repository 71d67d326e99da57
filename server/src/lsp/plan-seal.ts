/**
 * Ties an apply to the dry run the user saw. The answer to `meshwright/applyPlan` carries a token sealing
 * the document's text and the clusters planned; `meshwright/apply` must present it, and is refused when
 * the text differs from the planned one (the editor changed in between) or a cluster was not planned. The
 * seal is an HMAC with a key drawn when the server starts: a client cannot make one up, nothing is kept
 * per plan, and a token does not outlive the server that issued it.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type SealCheck = { readonly sealed: true } | { readonly sealed: false; readonly reason: string };

export class PlanSeal {
  private readonly key = randomBytes(32);

  /** The token for a dry run of `text` on `clusters`. */
  issue(text: string, clusters: readonly string[]): string {
    const planned = [...new Set(clusters)];
    const encoded = Buffer.from(JSON.stringify(planned)).toString('base64url');
    return `${encoded}.${this.mac(text, planned)}`;
  }

  /** Whether applying `text` to `clusters` is what the token's dry run showed. */
  check(token: unknown, text: string, clusters: readonly string[]): SealCheck {
    const again = 'run the dry run again (Apply or Diff) and confirm what it shows';
    if (typeof token !== 'string' || token === '') {
      return { sealed: false, reason: `the request has no planToken from a dry run; ${again}` };
    }
    const [encoded = '', mac = ''] = token.split('.');
    const planned = decodeClusters(encoded);
    const expected = planned ? this.mac(text, planned) : '';
    if (!planned || !equalText(mac, expected)) {
      return {
        sealed: false,
        reason: `the document is not the one the dry run was made of (it changed since, or the language server restarted); ${again}`,
      };
    }
    const unplanned = clusters.filter((cluster) => !planned.includes(cluster));
    if (unplanned.length > 0) {
      return {
        sealed: false,
        reason: `the dry run did not include ${unplanned.join(', ')}; ${again} with ${unplanned.length > 1 ? 'these clusters' : 'that cluster'}`,
      };
    }
    return { sealed: true };
  }

  private mac(text: string, planned: readonly string[]): string {
    const digest = createHash('sha256').update(text).digest('hex');
    return createHmac('sha256', this.key)
      .update(JSON.stringify([digest, planned]))
      .digest('base64url');
  }
}

function decodeClusters(encoded: string): string[] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    return Array.isArray(value) && value.every((entry) => typeof entry === 'string') ? value : null;
  } catch {
    return null;
  }
}

function equalText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
