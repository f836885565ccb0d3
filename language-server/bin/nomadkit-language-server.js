#!/usr/bin/env node
// Kept in git so npm can link the command at install time, before dist/ is built.
await import("../dist/server.js");
