/**
 * The demo's planted trust problem: east's remote secret for edge holds a token that expires three days
 * after the simulator starts (a date written in a file would pass and turn the warning into an expired
 * token). The token is a JWT with the claims a bound service-account token has and a signature of
 * nothing: no API server accepts it, only its `exp` matters, as `meshwright check` reads it.
 */
import { type KubeObject } from '../model/kube-object';

/** The secret and key that get the expiring token, and how far ahead it expires. */
export const EXPIRING_SECRET = { cluster: 'east', name: 'istio-remote-secret-edge', key: 'edge' } as const;
export const EXPIRES_IN_DAYS = 3;
const DAY_SECONDS = 24 * 3600;
/** The placeholder the demo files carry where a token belongs. */
const FAKE_TOKEN = /token: \S+/;

/** A copy of `objects` whose expiring secret holds a token that expires EXPIRES_IN_DAYS after `now`. */
export function withExpiringToken(objects: readonly KubeObject[], now: Date): KubeObject[] {
  return objects.map((object) => {
    if (object.kind !== 'Secret' || object.metadata.name !== EXPIRING_SECRET.name) return object;
    const data = (object as { data?: Record<string, string> }).data ?? {};
    const kubeconfig = Buffer.from(data[EXPIRING_SECRET.key] ?? '', 'base64').toString('utf8');
    const seconds = Math.floor(now.getTime() / 1000);
    const token = demoJwt({
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: 'system:serviceaccount:istio-system:istio-reader-service-account',
      aud: ['https://kubernetes.default.svc.cluster.local'],
      iat: seconds - 362 * DAY_SECONDS,
      exp: seconds + EXPIRES_IN_DAYS * DAY_SECONDS,
    });
    const replaced = kubeconfig.replace(FAKE_TOKEN, `token: ${token}`);
    return { ...object, data: { ...data, [EXPIRING_SECRET.key]: Buffer.from(replaced).toString('base64') } };
  });
}

function demoJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.${Buffer.from('demo-signature-not-valid').toString('base64url')}`;
}
