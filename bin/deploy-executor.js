#!/usr/bin/env node
// The command-line program: the committed bundle of src/cli.ts.
import '../dist/cli/index.js'
