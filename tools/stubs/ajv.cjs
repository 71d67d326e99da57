'use strict';
// Stands in for ajv (and ajv-draft-04) inside our bundles. yaml-language-server compiles four JSON Schema
// meta-schema validators when it loads (~200 ms) and meta-validates every schema it resolves. Meshwright
// only ever resolves its own generated schemas, which test/unit/schema-generator.test.ts validates with the
// real ajv, so at run time every schema is accepted as valid.
function acceptAll() {
  return true;
}
acceptAll.errors = null;

class AcceptingAjv {
  defaultMeta() {
    return 'http://json-schema.org/draft-07/schema';
  }
  getSchema() {
    return acceptAll;
  }
  compile() {
    return acceptAll;
  }
  validate() {
    return true;
  }
  validateSchema() {
    return true;
  }
  addMetaSchema() {
    return this;
  }
  addSchema() {
    return this;
  }
  addKeyword() {
    return this;
  }
  addFormat() {
    return this;
  }
}

module.exports = AcceptingAjv;
module.exports.default = AcceptingAjv;
module.exports.Ajv = AcceptingAjv;
