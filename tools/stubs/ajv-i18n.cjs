'use strict';
// Stands in for ajv-i18n inside our bundles: with ajv stubbed (see ajv.cjs) there are no ajv errors to
// translate, and the 20+ locales stay out of the bundle.
function leaveAsIs() {}
module.exports = { en: leaveAsIs, default: { en: leaveAsIs } };
