'use strict';
// Loads a bundle from dist/<folder> (default: server), with a clear message when the package has not been
// built yet.
const fs = require('fs');
const path = require('path');

module.exports = function requireBundle(name, folder = 'server') {
  const bundle = path.join(__dirname, '..', 'dist', folder, name);
  if (!fs.existsSync(bundle)) {
    process.stderr.write(
      `meshwright: ${bundle} is missing; run \`npm run build\` in ${path.dirname(__dirname)}\n`,
    );
    process.exit(2);
  }
  require(bundle);
};
