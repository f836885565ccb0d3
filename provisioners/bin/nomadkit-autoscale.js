#!/usr/bin/env node
// Kept in git so npm can link the command at install time; dist/ is built afterwards.
await import("../dist/cli/autoscale-main.js");
