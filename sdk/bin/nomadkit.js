#!/usr/bin/env node
// Kept in git so npm can link the `nomadkit` command at install time; dist/ is only
// built afterwards (npm ci runs the workspace build in `prepare`).
await import("../dist/cli/main.js");
