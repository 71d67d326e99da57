/**
 * The Meshwright TextMate injection grammar, tokenized by the engine VS Code uses (vscode-textmate and
 * vscode-oniguruma at VS Code 1.100's versions) on top of VS Code 1.100.3's own YAML grammar
 * (test/fixtures/grammar/vscode-yaml), so the scopes asserted here are the scopes the editor shows.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, type IGrammar, type IRawGrammar, parseRawGrammar, Registry } from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'grammar');
const INJECTION_FILE = path.join(ROOT, 'syntaxes', 'meshwright-yaml.injection.tmLanguage.json');
const INJECTION_SCOPE = 'meshwright.yaml.injection';

interface Token {
  readonly text: string;
  readonly start: number;
  readonly scopes: readonly string[];
}

interface TokenizedLine {
  readonly text: string;
  readonly tokens: readonly Token[];
}

async function loadYamlGrammarWithInjection(): Promise<IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const grammarFiles = new Map<string, string>([[INJECTION_SCOPE, INJECTION_FILE]]);
  const hostDir = path.join(FIXTURES, 'vscode-yaml');
  for (const file of fs.readdirSync(hostDir).filter((name) => name.endsWith('.tmLanguage.json'))) {
    const scopeName = (JSON.parse(fs.readFileSync(path.join(hostDir, file), 'utf8')) as IRawGrammar)
      .scopeName;
    grammarFiles.set(scopeName, path.join(hostDir, file));
  }
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: (scopeName) => {
      const file = grammarFiles.get(scopeName);
      return Promise.resolve(
        file === undefined ? null : parseRawGrammar(fs.readFileSync(file, 'utf8'), file),
      );
    },
    // What package.json's `injectTo: ["source.yaml"]` makes VS Code do.
    getInjections: (scopeName) => (scopeName === 'source.yaml' ? [INJECTION_SCOPE] : undefined),
  });
  const grammar = await registry.loadGrammar('source.yaml');
  assert.ok(grammar, 'source.yaml did not load');
  return grammar;
}

function tokenize(grammar: IGrammar, text: string): TokenizedLine[] {
  let state = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    const tokens = result.tokens.map((token) => ({
      text: line.slice(token.startIndex, token.endIndex),
      start: token.startIndex,
      scopes: token.scopes,
    }));
    return { text: line, tokens };
  });
}

/** The scopes of the token that is exactly `text` on the first line that equals/contains `lineText`. */
function scopesOf(lines: readonly TokenizedLine[], lineText: string, text: string): readonly string[] {
  const line =
    lines.find((candidate) => candidate.text === lineText) ?? lines.find((c) => c.text.includes(lineText));
  assert.ok(line, `no line "${lineText}"`);
  const token = line.tokens.find((candidate) => candidate.text === text);
  const seen = line.tokens.map((t) => `"${t.text}"`).join(' ');
  assert.ok(token, `"${text}" is not one token on "${line.text}"; tokens: ${seen}`);
  return token.scopes;
}

function hasMeshwrightScope(scopes: readonly string[]): boolean {
  return scopes.some((scope) => scope.endsWith('.meshwright'));
}

describe('Meshwright YAML injection grammar', () => {
  let grammar: IGrammar;
  let fixture: TokenizedLine[];

  before(async () => {
    grammar = await loadYamlGrammarWithInjection();
    fixture = tokenize(grammar, fs.readFileSync(path.join(FIXTURES, 'istio-resources.yaml'), 'utf8'));
  });

  it('is contributed to VS Code as an injection into source.yaml', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { grammars: { scopeName: string; path: string; injectTo?: string[] }[] };
    };
    const entry = manifest.contributes.grammars.find((g) => g.scopeName === INJECTION_SCOPE);
    assert.ok(entry, `package.json contributes no grammar ${INJECTION_SCOPE}`);
    assert.equal(path.resolve(ROOT, entry.path), INJECTION_FILE);
    assert.deepEqual(entry.injectTo, ['source.yaml']);
    const raw = JSON.parse(fs.readFileSync(INJECTION_FILE, 'utf8')) as {
      scopeName: string;
      injectionSelector: string;
    };
    assert.equal(raw.scopeName, INJECTION_SCOPE);
    assert.match(raw.injectionSelector, /^L:source\.yaml\b/);
  });

  it('scopes each part of a modeline inside a YAML comment', () => {
    const line = '# meshwright: clusters=east,west';
    const expected: [string, string][] = [
      ['#', 'punctuation.definition.comment.yaml'],
      ['meshwright', 'keyword.other.modeline.meshwright'],
      [':', 'punctuation.separator.key-value.modeline.meshwright'],
      ['clusters', 'variable.parameter.modeline.meshwright'],
      ['=', 'keyword.operator.assignment.modeline.meshwright'],
      ['east', 'string.unquoted.modeline-value.meshwright'],
      [',', 'punctuation.separator.sequence.modeline.meshwright'],
      ['west', 'string.unquoted.modeline-value.meshwright'],
    ];
    for (const [text, scope] of expected) {
      const scopes = scopesOf(fixture, line, text);
      assert.ok(scopes.includes(scope), `"${text}": ${scopes.join(' ')}`);
      assert.ok(
        scopes.includes('comment.line.number-sign.yaml'),
        `"${text}" should stay a comment: ${scopes.join(' ')}`,
      );
      assert.ok(scopes.includes('meta.modeline.meshwright'));
    }
  });

  it('scopes the group and version of Istio apiVersion values, quoted or not', () => {
    const plain = 'apiVersion: networking.istio.io/v1';
    assert.ok(
      scopesOf(fixture, plain, 'networking.istio.io').includes(
        'entity.name.namespace.istio-api-group.meshwright',
      ),
    );
    assert.ok(scopesOf(fixture, plain, '/').includes('punctuation.separator.api-version.meshwright'));
    assert.ok(scopesOf(fixture, plain, 'v1').includes('constant.other.istio-api-version.meshwright'));
    const quoted = 'apiVersion: "security.istio.io/v1beta1"';
    assert.ok(
      scopesOf(fixture, quoted, 'security.istio.io').includes(
        'entity.name.namespace.istio-api-group.meshwright',
      ),
    );
    assert.ok(scopesOf(fixture, quoted, 'v1beta1').includes('constant.other.istio-api-version.meshwright'));
    assert.ok(scopesOf(fixture, quoted, '"').includes('punctuation.definition.string.begin.yaml'));
  });

  it('scopes the kind of top-level Istio resources, quoted or not', () => {
    assert.ok(
      scopesOf(fixture, 'kind: VirtualService', 'VirtualService').includes(
        'entity.name.type.istio-kind.meshwright',
      ),
    );
    assert.ok(
      scopesOf(fixture, "kind: 'AuthorizationPolicy'", 'AuthorizationPolicy').includes(
        'entity.name.type.istio-kind.meshwright',
      ),
    );
  });

  it('leaves other kinds, nested kinds, block scalars and plain comments to the YAML grammar', () => {
    const untouched: [string, string][] = [
      ['apiVersion: apps/v1', 'apps/v1'],
      ['kind: Deployment', 'Deployment'],
      ['kind: VirtualServiceList', 'VirtualServiceList'],
      ['    - kind: Gateway', 'Gateway'],
      ['      kind: Gateway', 'kind: Gateway'],
      ['      # meshwright: clusters=in-a-block-scalar', '# meshwright: clusters=in-a-block-scalar'],
      ['# meshwright is not a modeline without its colon', ' meshwright is not a modeline without its colon'],
    ];
    for (const [line, text] of untouched) {
      const scopes = scopesOf(fixture, line, text);
      assert.ok(!hasMeshwrightScope(scopes), `"${text}" on "${line}" got ${scopes.join(' ')}`);
    }
    assert.ok(
      scopesOf(fixture, '      kind: Gateway', 'kind: Gateway').includes('string.unquoted.block.yaml'),
    );
  });

  it('keeps the YAML grammar working around the injected tokens', () => {
    // Keys after injected lines are still keys, and comments after an injected value are still comments.
    assert.ok(scopesOf(fixture, 'metadata:', 'metadata').includes('entity.name.tag.yaml'));
    assert.ok(scopesOf(fixture, 'kind: VirtualService', 'kind').includes('entity.name.tag.yaml'));
    const withComment = 'apiVersion: networking.istio.io/v1 # trailing comment';
    assert.ok(scopesOf(fixture, withComment, 'v1').includes('constant.other.istio-api-version.meshwright'));
    assert.ok(scopesOf(fixture, withComment, ' trailing comment').includes('comment.line.number-sign.yaml'));
  });

  it('knows every Istio kind and apiVersion of schemas/index.json', () => {
    const index = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'index.json'), 'utf8')) as {
      kinds: { kind: string; apiVersion: string; group: string; version: string }[];
    };
    for (const { kind, apiVersion, group, version } of index.kinds) {
      const [kindLine, apiLine] = tokenize(grammar, `kind: ${kind}\napiVersion: ${apiVersion}`);
      assert.ok(kindLine && apiLine);
      assert.ok(
        scopesOf([kindLine], kindLine.text, kind).includes('entity.name.type.istio-kind.meshwright'),
        kind,
      );
      assert.ok(
        scopesOf([apiLine], apiLine.text, group).includes('entity.name.namespace.istio-api-group.meshwright'),
      );
      assert.ok(
        scopesOf([apiLine], apiLine.text, version).includes('constant.other.istio-api-version.meshwright'),
      );
    }
    // And no kind that Istio does not have: the grammar's list is exactly the index's.
    const raw = fs.readFileSync(INJECTION_FILE, 'utf8');
    const alternation = /\(\?<=\^kind:\[ \\\\t\]\+\)\(([A-Za-z|]+)\)/.exec(raw)?.[1];
    assert.ok(alternation, 'kind alternation not found in the grammar');
    assert.deepEqual(alternation.split('|').sort(), [...new Set(index.kinds.map((k) => k.kind))].sort());
  });
});
