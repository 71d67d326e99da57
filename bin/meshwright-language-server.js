#!/usr/bin/env node
// The standalone language server: `meshwright-language-server --stdio` (or --node-ipc, --socket=PORT).
'use strict';
require('./require-bundle')('server.js');
