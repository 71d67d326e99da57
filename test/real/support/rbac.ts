/**
 * RBAC of every harness cluster: the read-only ClusterRole docs/topology.md recommends to users (read from
 * that page, so the tests hold the advice to the truth) bound to the reader and the appliers, and the
 * right to write Istio config for the appliers. The `nobody` identity gets nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { APPLIER_GROUP, USERS } from './api-server';

const TOPOLOGY_PAGE = path.resolve(__dirname, '..', '..', '..', 'docs', 'topology.md');
const ISTIO_GROUPS = [
  'networking.istio.io',
  'security.istio.io',
  'telemetry.istio.io',
  'extensions.istio.io',
];

export type KubeManifest = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [field: string]: unknown };
};

/** The first YAML block of docs/topology.md that is the ClusterRole `meshwright-reader`. */
export function documentedReaderRole(): KubeManifest {
  const page = fs.readFileSync(TOPOLOGY_PAGE, 'utf8');
  for (const block of page.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    const parsed = YAML.parse(block[1] ?? '') as KubeManifest | null;
    if (parsed?.kind === 'ClusterRole' && parsed.metadata.name === 'meshwright-reader') return parsed;
  }
  throw new Error('docs/topology.md has no ClusterRole meshwright-reader in a yaml block');
}

function binding(name: string, role: string, subjects: readonly Record<string, string>[]): KubeManifest {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: subjects.map((subject) => ({ apiGroup: 'rbac.authorization.k8s.io', ...subject })),
  };
}

export function harnessRbac(): KubeManifest[] {
  const reader = documentedReaderRole();
  return [
    reader,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'meshwright-istio-applier' },
      rules: [
        {
          apiGroups: ISTIO_GROUPS,
          resources: ['*'],
          verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
        },
        // As docs/apply.md advises: Meshwright applies Gateway API objects too.
        {
          apiGroups: ['gateway.networking.k8s.io'],
          resources: [
            'gateways',
            'httproutes',
            'grpcroutes',
            'tcproutes',
            'tlsroutes',
            'udproutes',
            'referencegrants',
            'backendtlspolicies',
          ],
          verbs: ['get', 'create', 'patch'],
        },
      ],
    },
    binding('meshwright-reader', reader.metadata.name, [
      { kind: 'User', name: USERS.reader },
      { kind: 'Group', name: APPLIER_GROUP },
    ]),
    binding('meshwright-istio-applier', 'meshwright-istio-applier', [{ kind: 'Group', name: APPLIER_GROUP }]),
  ];
}
