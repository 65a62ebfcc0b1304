#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (npm run build).
import('../dist/cli/main.js').then(async (cli) => {
  process.exitCode = await cli.main(process.argv.slice(2));
}).catch((error) => {
  process.stderr.write(`souverain: could not start (${error && error.message}). Run "npm run build" first.\n`);
  process.exit(2);
});
