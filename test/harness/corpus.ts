// Nomad's own files, read in place: one reader for the tests and the benches (@nomadkit/dev).
export { CORPUS_DIR, CORPUS_HINT, corpusFiles, corpusSkipNote, readCorpus } from "@nomadkit/dev";
