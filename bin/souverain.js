#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (npm run build). `--version` alone is answered
// without loading the command line at all.
const args = process.argv.slice(2);
const versionOnly = args.length === 1 && (args[0] === '--version' || args[0] === '-V');
import(versionOnly ? '../dist/version.js' : '../dist/cli/main.js').then(async (loaded) => {
  if (versionOnly) process.stdout.write(`${loaded.TOOL_VERSION}\n`);
  else process.exitCode = await loaded.main(args);
}).catch((error) => {
  process.stderr.write(`souverain: could not start (${error && error.message}). Run "npm run build" first.\n`);
  process.exit(2);
});
