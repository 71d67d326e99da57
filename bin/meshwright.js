#!/usr/bin/env node
// The `meshwright` command: runs the bundled CLI (npm run build makes it).
'use strict';
require('./require-bundle')('cli.js');
