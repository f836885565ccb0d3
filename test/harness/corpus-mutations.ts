// Random edits of Nomad's own files, shared with the fuzz bench (@nomadkit/dev).
export { applyMutation, corpusMutation, type Mutation, misspellings } from "@nomadkit/dev";
