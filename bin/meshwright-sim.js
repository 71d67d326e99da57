#!/usr/bin/env node
// `meshwright-sim`: the Kubernetes API simulator (docs/simulator.md); runs the bundle npm run build makes.
'use strict';
require('./require-bundle')('sim.js', 'simulator');
