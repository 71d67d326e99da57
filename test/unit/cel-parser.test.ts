import assert from 'node:assert/strict';
import { CelSyntaxError, formatCelExpr, parseCel } from '../../server/src/analysis/cel';

function shape(source: string): string {
  return formatCelExpr(parseCel(source));
}

function syntaxError(source: string): CelSyntaxError {
  try {
    parseCel(source);
  } catch (error) {
    if (error instanceof CelSyntaxError) return error;
    throw error;
  }
  assert.fail(`expected a syntax error for ${source}`);
}

describe('CEL parser', () => {
  describe('precedence and associativity', () => {
    it('binds * / % tighter than + -, and those tighter than relations', () => {
      assert.equal(shape('a + b * c - d % e'), '((a + (b * c)) - (d % e))');
      assert.equal(shape('a + b < c * d'), '((a + b) < (c * d))');
    });

    it('binds relations tighter than && and && tighter than ||', () => {
      assert.equal(shape('a < b && c == d || e in f'), '(((a < b) && (c == d)) || (e in f))');
      assert.equal(shape('a || b && c'), '(a || (b && c))');
    });

    it('is left-associative for binary operators', () => {
      assert.equal(shape('a - b - c'), '((a - b) - c)');
      assert.equal(shape('a || b || c'), '((a || b) || c)');
    });

    it('gives the ternary the lowest precedence and nests it to the right', () => {
      assert.equal(shape('a || b ? c + 1 : d'), '((a || b) ? (c + 1) : d)');
      assert.equal(shape('a ? b : c ? d : e'), '(a ? b : (c ? d : e))');
    });

    it('applies unary operators to the member expression', () => {
      assert.equal(shape('!a.b'), '!a.b');
      assert.equal(shape('!!a'), '!!a');
      assert.equal(shape('-a.size()'), '-a.size()');
      assert.equal(shape('-a * b'), '(-a * b)');
    });
  });

  it('parses member access, index, calls and method calls', () => {
    assert.equal(shape('self.spec.http[0].timeout'), 'self.spec.http[0].timeout');
    assert.equal(shape('size(x) + x.size()'), '(size(x) + x.size())');
    assert.equal(shape('url(self).getScheme()'), 'url(self).getScheme()');
    assert.equal(shape('m["k"]["j"]'), 'm["k"]["j"]');
  });

  it('parses list and map literals, with trailing commas', () => {
    assert.equal(shape('["a", "b",]'), '["a", "b"]');
    assert.equal(shape('{"a": 1, 2: [3],}'), '{"a": 1, 2: [3]}');
    assert.equal(shape('[]'), '[]');
    assert.equal(shape('{}'), '{}');
  });

  it('parses literals of every type', () => {
    assert.equal(
      shape('[1, 2u, 1.5, 2.0, "s", true, false, null]'),
      '[1, 2u, 1.5, 2.0, "s", true, false, null]',
    );
  });

  it('folds a minus into a number literal so the most negative int is expressible', () => {
    const ast = parseCel('-9223372036854775808');
    assert.equal(ast.kind, 'literal');
    assert.equal(ast.kind === 'literal' && ast.value, -9223372036854775808n);
    assert.match(syntaxError('9223372036854775808').reason, /int literal out of range/);
    assert.match(syntaxError('18446744073709551616u').reason, /uint literal out of range/);
  });

  it('expands the has() macro and rejects it on anything but a field selection', () => {
    const ast = parseCel('has(self.a.b)');
    assert.equal(ast.kind, 'has');
    assert.equal(shape('has(self.a.b)'), 'has(self.a.b)');
    assert.match(syntaxError('has(self)').reason, /has\(\) needs a field selection/);
  });

  it('expands comprehension macros with their variable', () => {
    assert.equal(
      shape('self.all(l1, self.exists_one(l2, l1.n == l2.n))'),
      'self.all(l1, self.exists_one(l2, (l1.n == l2.n)))',
    );
    assert.equal(shape('l.map(x, x * 2)'), 'l.map(x, (x * 2))');
    assert.equal(shape('l.map(x, x > 0, x * 2)'), 'l.map(x, (x > 0), (x * 2))');
    assert.equal(shape('l.filter(x, x > 0)'), 'l.filter(x, (x > 0))');
    const ast = parseCel('l.exists(k, k.contains("/"))');
    assert.equal(ast.kind === 'comprehension' && ast.variable, 'k');
    assert.match(syntaxError('l.all(1, true)').reason, /needs a variable name/);
  });

  it('treats a method named like a macro but with other arity as a call', () => {
    assert.equal(parseCel('x.all()').kind, 'call');
  });

  it('parses the multi-line rules of the Istio CRDs', () => {
    const rule = `(has(self.serviceAccounts) || has(self.notServiceAccounts)) ? (!has(self.principals) &&
!has(self.notPrincipals) && !has(self.namespaces) && !has(self.notNamespaces)) : true`;
    assert.equal(parseCel(rule).kind, 'conditional');
  });

  it('reports syntax errors with the offset', () => {
    const error = syntaxError('a + * b');
    assert.equal(error.offset, 4);
    assert.match(syntaxError('a ? b').reason, /expected ":"/);
    assert.match(syntaxError('(a').reason, /expected "\)"/);
    assert.match(syntaxError('a b').reason, /unexpected "b"/);
    assert.match(syntaxError('').reason, /unexpected end of expression/);
    assert.match(syntaxError('self.namespace').reason, /reserved identifier: namespace/);
    assert.match(syntaxError('Msg{a: 1}').reason, /message construction is not supported/);
  });

  it('refuses pathologically deep nesting instead of overflowing the stack', () => {
    assert.match(syntaxError('('.repeat(400) + '1' + ')'.repeat(400)).reason, /nests too deeply/);
    assert.match(syntaxError('!'.repeat(400) + 'true').reason, /nests too deeply/);
    assert.match(syntaxError('1' + ' + 1'.repeat(400)).reason, /nests too deeply/);
    assert.match(syntaxError('self' + '.a'.repeat(400)).reason, /nests too deeply/);
    assert.equal(parseCel('1' + ' + 1'.repeat(100)).kind, 'binary');
  });
});
