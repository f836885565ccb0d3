// @nomadkit/dev: what the benches and the cross-package tests both need, outside test/.
//
//   const names = corpusFiles();                 // Nomad's own job files, beside the repo
//   for (const m of fc.sample(corpusMutation(names.length), { seed })) applyMutation(text, m);
//   const agent = await startDevAgent();         // a real `nomad agent -dev`, or { skip }
export { CORPUS_DIR, CORPUS_HINT, corpusFiles, corpusSkipNote, readCorpus } from "./corpus.js";
export { applyMutation, corpusMutation, type Mutation, misspellings } from "./corpus-mutations.js";
export { type DevAgent, nomadBinary, startDevAgent } from "./dev-agent.js";
export { type LanguageServerProcess, startLanguageServer } from "./language-server-process.js";
