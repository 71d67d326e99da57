/**
 * The one request script the fidelity test sends to a real API server and to the simulator: the answers
 * Meshwright's client and discovery rely on (errors and their Status, lists and paging, watches and
 * resourceVersions, managed fields and server-side apply conflicts, Tables and PartialObjectMetadata,
 * gzip, dry runs). Steps run in order on each server (script-runner.ts).
 */
import {
  events,
  keepResourceVersion,
  listSummary,
  type Metadata,
  resourceVersionOf,
  tableView,
  withOrder,
  withoutManagedFields,
} from './observations';
import { normaliseJson, observe, watchEvents } from './normalise';
import { type FidelityStep, type ScriptMemory } from './script-step';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';
const PARTIAL_LIST = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io';
const PARTIAL = 'application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io';
const APPLY = 'application/apply-patch+yaml';
const MERGE = 'application/merge-patch+json';
/**
 * The demo's built-in kinds (and two Istio kinds) as Tables, `kubectl get`'s view: columns and cells. Only
 * the demo's own namespaces, where both servers hold the same objects (a real server adds its own, such as
 * the `kubernetes` Service in `default`). No controller runs beside the real server, so it has no
 * Endpoints or EndpointSlices (the simulator derives them): only their columns are compared.
 */
const SEEDED_TABLES: readonly { path: string; columnsOnly?: boolean }[] = [
  { path: '/api/v1/namespaces/bookinfo/services' },
  { path: '/api/v1/namespaces/istio-system/services' },
  { path: '/api/v1/namespaces/bookinfo/pods' },
  { path: '/api/v1/namespaces/istio-system/pods' },
  { path: '/api/v1/namespaces/istio-system/secrets' },
  { path: '/api/v1/namespaces/istio-system/configmaps' },
  { path: '/api/v1/namespaces/istio-system/serviceaccounts' },
  { path: '/apis/apps/v1/namespaces/bookinfo/deployments' },
  { path: '/api/v1/nodes' },
  { path: '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations' },
  { path: '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations' },
  { path: '/apis/networking.istio.io/v1/namespaces/bookinfo/destinationrules' },
  { path: '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices' },
  { path: '/apis/networking.istio.io/v1/namespaces/istio-system/gateways' },
  { path: '/api/v1/namespaces/bookinfo/endpoints', columnsOnly: true },
  { path: '/apis/discovery.k8s.io/v1/namespaces/bookinfo/endpointslices', columnsOnly: true },
];

/** Over the 128 KiB from which a real server gzips an answer, with three of them. */
const BIG_VALUE = 'x'.repeat(60 * 1024);

/** The script, working in `namespace` (which it creates and finally deletes). */
export function fidelityScript(namespace: string): readonly FidelityStep[] {
  const CONFIGMAPS = `/api/v1/namespaces/${namespace}/configmaps`;
  const SERVICE_ACCOUNTS = `/api/v1/namespaces/${namespace}/serviceaccounts`;
  const DESTINATION_RULES = `/apis/networking.istio.io/v1/namespaces/${namespace}/destinationrules`;
  const GATEWAY_API = '/apis/gateway.networking.k8s.io';
  const HTTP_ROUTES = `${GATEWAY_API}/v1/namespaces/${namespace}/httproutes`;
  const configMap = (
    name: string,
    data: Record<string, string>,
    extra: Record<string, unknown> = {},
  ): object => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, ...extra },
    data,
  });
  const destinationRule = (host: string, extra: Record<string, unknown> = {}): object => ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews', namespace },
    spec: { host, ...extra },
  });
  const bigConfigMap = (index: number): FidelityStep => ({
    name: `create big ConfigMap ${index}`,
    method: 'POST',
    path: `${CONFIGMAPS}?fieldManager=fidelity-create`,
    body: configMap(`big-${index}`, { value: BIG_VALUE }),
    observe: (answer) => answer.status,
  });

  return [
    {
      name: 'create a namespace',
      method: 'POST',
      path: '/api/v1/namespaces',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    },
    { name: 'list an empty collection', path: CONFIGMAPS, remember: keepResourceVersion('empty list') },
    { name: 'get a missing object', path: `${CONFIGMAPS}/absent` },
    {
      name: 'get a resource of a group the server does not serve',
      path: '/apis/nothing.example.com/v1/things',
    },
    { name: 'get a group the server does not serve', path: '/apis/nothing.example.com' },
    { name: 'get a version the server does not serve', path: '/apis/networking.istio.io/v9' },
    {
      name: 'get a resource the group version does not have',
      path: `/api/v1/namespaces/${namespace}/nothings`,
    },
    { name: 'get a subresource the resource does not have', path: `${CONFIGMAPS}/absent/scale` },
    { name: 'get a cluster-scoped resource in a namespace', path: `/api/v1/namespaces/${namespace}/nodes` },
    { name: 'list as a user without rights', identity: 'nobody', path: CONFIGMAPS },
    { name: 'get as a user without rights', identity: 'nobody', path: `${CONFIGMAPS}/alpha` },
    { name: 'list cluster-wide as a user without rights', identity: 'nobody', path: '/api/v1/secrets' },
    { name: 'a token the server does not know', identity: 'wrongToken', path: CONFIGMAPS },
    { name: 'list anonymously', identity: 'anonymous', path: CONFIGMAPS },
    { name: 'discovery anonymously', identity: 'anonymous', path: '/api' },
    {
      name: 'the version anonymously',
      identity: 'anonymous',
      path: '/version',
      observe: (answer) => answer.status,
    },
    {
      name: 'create',
      method: 'POST',
      path: `${CONFIGMAPS}?fieldManager=fidelity-create`,
      body: configMap('alpha', { colour: 'blue' }),
      remember: keepResourceVersion('alpha created'),
      observe: withOrder('empty list'),
    },
    {
      name: 'create an object that exists',
      method: 'POST',
      path: `${CONFIGMAPS}?fieldManager=fidelity-create`,
      body: configMap('alpha', { colour: 'blue' }),
    },
    {
      name: 'create an object with an invalid name',
      method: 'POST',
      path: `${CONFIGMAPS}?fieldManager=fidelity-create`,
      body: configMap('Not_Valid', {}),
    },
    {
      name: 'create with a body type the server does not take',
      method: 'POST',
      path: CONFIGMAPS,
      body: 'colour: blue',
      contentType: 'text/plain',
    },
    {
      name: 'patch with a patch type the server does not take',
      method: 'PATCH',
      path: `${CONFIGMAPS}/alpha`,
      body: { data: { colour: 'red' } },
      contentType: 'application/json',
    },
    {
      name: 'update with a stale resourceVersion',
      method: 'PUT',
      path: `${CONFIGMAPS}/alpha`,
      body: (memory: ScriptMemory) =>
        configMap('alpha', { colour: 'green' }, { resourceVersion: memory.get('empty list') }),
    },
    {
      name: 'update',
      method: 'PUT',
      path: `${CONFIGMAPS}/alpha?fieldManager=fidelity-update`,
      body: (memory: ScriptMemory) =>
        configMap('alpha', { colour: 'green' }, { resourceVersion: memory.get('alpha created') }),
      remember: keepResourceVersion('alpha updated'),
      observe: withOrder('alpha created'),
    },
    {
      name: 'update that changes nothing',
      method: 'PUT',
      path: `${CONFIGMAPS}/alpha?fieldManager=fidelity-update`,
      body: (memory: ScriptMemory) =>
        configMap('alpha', { colour: 'green' }, { resourceVersion: memory.get('alpha updated') }),
      observe: withOrder('alpha updated'),
    },
    {
      name: 'create a second object',
      method: 'POST',
      path: `${CONFIGMAPS}?fieldManager=fidelity-create`,
      body: configMap('beta', { colour: 'red' }),
    },
    {
      name: 'create a third object',
      method: 'POST',
      path: `${CONFIGMAPS}?fieldManager=fidelity-create`,
      body: configMap('gamma', { colour: 'white' }),
    },
    {
      name: 'create a fourth object',
      method: 'POST',
      path: `${CONFIGMAPS}?fieldManager=fidelity-create`,
      body: configMap('delta', { colour: 'black' }),
    },
    { name: 'delete', method: 'DELETE', path: `${CONFIGMAPS}/gamma` },
    {
      name: 'list the first page',
      path: `${CONFIGMAPS}?limit=2`,
      remember: (answer, memory) => {
        memory.set('first page', resourceVersionOf(answer));
        memory.set('continue', (JSON.parse(answer.body) as Metadata).metadata?.continue ?? '');
      },
      observe: withOrder('alpha updated'),
    },
    {
      name: 'create an object between pages',
      method: 'POST',
      path: `${CONFIGMAPS}?fieldManager=fidelity-create`,
      body: configMap('beta-2', { colour: 'orange' }),
      observe: (answer) => answer.status,
    },
    {
      name: 'list the next page',
      path: (memory) => `${CONFIGMAPS}?limit=2&continue=${encodeURIComponent(memory.get('continue'))}`,
      observe: withOrder('first page'),
    },
    {
      name: 'list with resourceVersionMatch but no resourceVersion',
      path: `${CONFIGMAPS}?resourceVersionMatch=NotOlderThan`,
    },
    {
      name: 'list at an exact older resourceVersion',
      path: (memory) =>
        `${CONFIGMAPS}?resourceVersion=${memory.get('alpha created')}&resourceVersionMatch=Exact`,
      observe: withOrder('alpha created'),
    },
    {
      name: 'list not older than a resourceVersion',
      path: (memory) =>
        `${CONFIGMAPS}?resourceVersion=${memory.get('alpha created')}&resourceVersionMatch=NotOlderThan`,
      observe: withOrder('first page'),
    },
    { name: 'list at resourceVersion 0', path: `${CONFIGMAPS}?resourceVersion=0` },
    { name: 'list as a Table', path: CONFIGMAPS, accept: TABLE },
    { name: 'get as a Table', path: `${CONFIGMAPS}/alpha`, accept: TABLE },
    ...SEEDED_TABLES.map(({ path, columnsOnly }): FidelityStep => ({
      name: `list ${path} as a Table`,
      path: `${path}?includeObject=None`,
      accept: TABLE,
      observe: tableView(columnsOnly ?? false),
    })),
    { name: 'list as a Table without objects', path: `${CONFIGMAPS}?includeObject=None`, accept: TABLE },
    {
      // The seeded Secrets' managedFields tell how each server was seeded (the harness applies them, the
      // simulator loads them as kubectl would have created them): not compared here.
      name: 'list Secrets as PartialObjectMetadataList',
      path: '/api/v1/namespaces/istio-system/secrets',
      accept: PARTIAL_LIST,
      observe: (answer) => observe(answer, normaliseJson(withoutManagedFields(JSON.parse(answer.body)))),
    },
    { name: 'get as PartialObjectMetadata', path: `${CONFIGMAPS}/alpha`, accept: PARTIAL },
    {
      name: 'watch from a resourceVersion replays the changes since',
      path: (memory) =>
        `${CONFIGMAPS}?watch=true&resourceVersion=${memory.get('empty list')}&timeoutSeconds=1`,
      observe: events,
    },
    {
      name: 'watch as PartialObjectMetadata',
      path: (memory) =>
        `${CONFIGMAPS}?watch=true&resourceVersion=${memory.get('empty list')}&timeoutSeconds=1`,
      accept: PARTIAL,
      observe: events,
    },
    {
      name: 'watch with initial events ends them with a bookmark',
      path: `${CONFIGMAPS}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1`,
      observe: events,
    },
    {
      name: 'watch with initial events but no bookmarks',
      path: `${CONFIGMAPS}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=1`,
      observe: events,
    },
    {
      name: 'watch with initial events but no resourceVersionMatch',
      path: `${CONFIGMAPS}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&timeoutSeconds=1`,
      observe: events,
    },
    {
      // A real server sends a bookmark before the timeout only if etcd's revision moved meanwhile (any
      // writer, such as its own lease renewals), which the script cannot time: bookmarks are not compared.
      name: 'watch from the current resourceVersion until it times out',
      path: (memory) =>
        `${CONFIGMAPS}?watch=true&allowWatchBookmarks=true&resourceVersion=${memory.get('first page')}&timeoutSeconds=3`,
      observe: (answer) =>
        observe(answer, normaliseJson(watchEvents(answer).filter((event) => event.type !== 'BOOKMARK'))),
    },
    {
      name: 'server-side apply creates',
      method: 'PATCH',
      path: `${DESTINATION_RULES}/reviews?fieldManager=fidelity-a`,
      body: destinationRule('reviews', { trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } } }),
      contentType: APPLY,
    },
    {
      name: 'server-side apply of a field another manager owns',
      method: 'PATCH',
      path: `${DESTINATION_RULES}/reviews?fieldManager=fidelity-b`,
      body: destinationRule('ratings'),
      contentType: APPLY,
    },
    {
      name: 'forced server-side apply takes the field over',
      method: 'PATCH',
      path: `${DESTINATION_RULES}/reviews?fieldManager=fidelity-b&force=true`,
      body: destinationRule('ratings'),
      contentType: APPLY,
    },
    {
      name: 'server-side apply without a field manager',
      method: 'PATCH',
      path: `${DESTINATION_RULES}/reviews`,
      body: destinationRule('ratings'),
      contentType: APPLY,
    },
    {
      name: 'dry-run server-side apply',
      method: 'PATCH',
      path: `${DESTINATION_RULES}/reviews?fieldManager=fidelity-b&dryRun=All`,
      body: destinationRule('details'),
      contentType: APPLY,
    },
    { name: 'get after a dry-run apply', path: `${DESTINATION_RULES}/reviews` },
    { name: 'the Gateway API group', path: GATEWAY_API },
    { name: 'list HTTPRoutes (Gateway API v1)', path: HTTP_ROUTES },
    {
      name: 'list ReferenceGrants at v1beta1',
      path: `${GATEWAY_API}/v1beta1/namespaces/${namespace}/referencegrants`,
    },
    {
      name: 'get a Gateway API version the server does not serve',
      path: `${GATEWAY_API}/v1alpha2/namespaces/${namespace}/tcproutes`,
    },
    {
      name: "create an HTTPRoute: the CRD's defaults filled in",
      method: 'POST',
      path: `${HTTP_ROUTES}?fieldManager=fidelity-create`,
      body: {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'web', namespace },
        spec: {
          parentRefs: [{ name: 'ingress' }, { group: '', kind: 'Service', name: 'web', port: 80 }],
          hostnames: ['web.example.com'],
          rules: [{ backendRefs: [{ name: 'web', port: 80 }] }, {}],
        },
      },
    },
    {
      name: "server-side apply a Gateway: the CRD's defaults filled in",
      method: 'PATCH',
      path: `${GATEWAY_API}/v1/namespaces/${namespace}/gateways/ingress?fieldManager=fidelity-a`,
      body: {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'ingress', namespace },
        spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
      },
      contentType: APPLY,
    },
    {
      name: 'get the HTTPRoute at v1beta1',
      path: `${GATEWAY_API}/v1beta1/namespaces/${namespace}/httproutes/web`,
    },
    {
      name: 'merge patch',
      method: 'PATCH',
      path: `${CONFIGMAPS}/alpha?fieldManager=fidelity-patch`,
      body: { data: { colour: 'yellow' } },
      contentType: MERGE,
    },
    {
      name: 'server-side apply of a field an update owns',
      method: 'PATCH',
      path: `${CONFIGMAPS}/alpha?fieldManager=fidelity-a`,
      body: configMap('alpha', { colour: 'red' }),
      contentType: APPLY,
    },
    {
      name: 'dry-run create',
      method: 'POST',
      path: `${CONFIGMAPS}?fieldManager=fidelity-create&dryRun=All`,
      body: configMap('epsilon', { colour: 'grey' }),
    },
    { name: 'get after a dry-run create', path: `${CONFIGMAPS}/epsilon` },
    { name: 'dry-run delete', method: 'DELETE', path: `${CONFIGMAPS}/alpha?dryRun=All` },
    { name: 'get after a dry-run delete', path: `${CONFIGMAPS}/alpha`, observe: (answer) => answer.status },
    bigConfigMap(1),
    bigConfigMap(2),
    bigConfigMap(3),
    { name: 'a list over 128 KiB, gzip accepted', path: CONFIGMAPS, gzip: true, observe: listSummary },
    { name: 'a list over 128 KiB, gzip not accepted', path: CONFIGMAPS, observe: listSummary },
    { name: 'a small answer, gzip accepted', path: `${CONFIGMAPS}/alpha`, gzip: true },
    {
      name: 'watch from a resourceVersion older than the server keeps',
      path: `${CONFIGMAPS}?watch=true&resourceVersion=1&timeoutSeconds=1`,
      observe: events,
    },
    ...['one', 'two', 'three'].map((name): FidelityStep => ({
      name: `create ServiceAccount ${name}`,
      method: 'POST',
      path: `${SERVICE_ACCOUNTS}?fieldManager=fidelity-create`,
      body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } },
      observe: (answer) => answer.status,
    })),
    {
      name: 'list the first page of ServiceAccounts',
      path: `${SERVICE_ACCOUNTS}?limit=2`,
      remember: (answer, memory) => {
        memory.set('accounts', resourceVersionOf(answer));
        memory.set('accounts continue', (JSON.parse(answer.body) as Metadata).metadata?.continue ?? '');
      },
      observe: listSummary,
    },
    {
      name: 'create ServiceAccount four after the page',
      method: 'POST',
      path: `${SERVICE_ACCOUNTS}?fieldManager=fidelity-create`,
      body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'four', namespace } },
      observe: (answer) => answer.status,
    },
    {
      name: 'after compaction: watch from an old resourceVersion',
      compactFirst: true,
      path: (memory) =>
        `${SERVICE_ACCOUNTS}?watch=true&resourceVersion=${memory.get('empty list')}&timeoutSeconds=1`,
      observe: events,
    },
    {
      name: 'after compaction: continue an old list',
      path: (memory) =>
        `${SERVICE_ACCOUNTS}?limit=2&continue=${encodeURIComponent(memory.get('accounts continue'))}`,
    },
    {
      name: 'after compaction: list at an exact old resourceVersion',
      path: (memory) =>
        `${SERVICE_ACCOUNTS}?resourceVersion=${memory.get('empty list')}&resourceVersionMatch=Exact`,
    },
    {
      name: 'after compaction: list not older than an old resourceVersion',
      path: (memory) =>
        `${SERVICE_ACCOUNTS}?resourceVersion=${memory.get('empty list')}&resourceVersionMatch=NotOlderThan`,
      observe: listSummary,
    },
    { name: 'delete the namespace', method: 'DELETE', path: `/api/v1/namespaces/${namespace}` },
  ];
}
