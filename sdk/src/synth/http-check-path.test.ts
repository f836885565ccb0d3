import { describe, expect, it } from "vitest";
import { httpCheckPathProblem } from "./http-check-path.js";

// What a real Nomad 1.11.3 agent's /v1/validate/job said about each path of an http check.
const NOMAD_TAKES = [
  "/",
  "health",
  "/a b",
  "/%41",
  "//host/p",
  "/é",
  "/${NOMAD_ALLOC_ID}",
  "/a?b=%zz",
  "/a#frag",
  "/a:b",
  "/\\",
];
const NOMAD_REFUSES = [
  "",
  "/a\tb",
  "/a\u0000",
  "/a\u007f",
  "/%zz",
  "/%4",
  "http://x/y",
  "x:y",
  ":x",
  "//[bad/p",
  "a:b/c",
  "1a:b",
  "%",
];

describe("httpCheckPathProblem", () => {
  it.each(NOMAD_TAKES)("takes %j", (path) => expect(httpCheckPathProblem(path)).toBeUndefined());
  it.each(NOMAD_REFUSES)("refuses %j", (path) => expect(httpCheckPathProblem(path)).toBeDefined());
});
