'use strict';
// Stands in for prettier inside our bundles. yaml-language-server loads prettier for its formatter at
// start-up; Meshwright never formats (format: false), so the ~3 MB of prettier stays out of the bundle.
function unavailable() {
  throw new Error('formatting is not part of Meshwright');
}
module.exports = { format: unavailable, formatWithCursor: unavailable, check: unavailable };
