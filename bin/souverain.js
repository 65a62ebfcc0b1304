#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (npm run build).
import('../dist/cli/main.js').then((cli) => cli.main(process.argv)).catch((error) => {
  process.stderr.write(`souverain: could not start (${error && error.message}). Run "npm run build" first.\n`);
  process.exit(2);
});
