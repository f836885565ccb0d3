import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonArrayReader, JsonStreamError } from "./json-array-stream.js";

/** Feeds `body` cut at the given byte offsets and returns what the reader handed on. */
function read(body: string | Buffer, cuts: number[] = []): unknown[] {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  const items: unknown[] = [];
  const reader = new JsonArrayReader((item) => items.push(item));
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    reader.write(bytes.subarray(from, cut));
    from = cut;
  }
  reader.write(bytes.subarray(from));
  reader.end();
  return items;
}

describe("JsonArrayReader", () => {
  it("hands on each element of an array, whatever its kind", () => {
    const value = [{ ID: "a", Tasks: { web: [1, 2] } }, "text", 3.5, null, true, [], {}, [[{}]]];
    expect(read(JSON.stringify(value, null, 2))).toEqual(value);
    expect(read(" [ ] \n")).toEqual([]);
  });

  it("is not fooled by brackets, quotes and backslashes inside strings", () => {
    const value = [{ a: '] } , [ {"' }, '\\"]', "\\", 'ends with \\\\"', { "k]": "\\\\" }, "ünï€😀"];
    const text = JSON.stringify(value);
    expect(read(text)).toEqual(value);
    // Cut between every pair of bytes: an escape, a quote or a multi-byte character split in two.
    const bytes = Buffer.from(text);
    for (let cut = 1; cut < bytes.length; cut++) expect(read(bytes, [cut])).toEqual(value);
  });

  it("reads the same elements however the body is cut into chunks", () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (value, offsets) => {
          const bytes = Buffer.from(JSON.stringify(value));
          const cuts = offsets.map((o) => o % (bytes.length + 1));
          // JSON.stringify turns -0 into 0: compare with what JSON gives back.
          expect(read(bytes, cuts)).toEqual(JSON.parse(bytes.toString()));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("hands on an element as soon as its last byte is in", () => {
    const items: unknown[] = [];
    const reader = new JsonArrayReader((item) => items.push(item));
    reader.write(Buffer.from('[{"a":1},{"b"'));
    expect(items).toEqual([{ a: 1 }]);
    reader.write(Buffer.from(":2}"));
    expect(items).toEqual([{ a: 1 }, { b: 2 }]);
    reader.write(Buffer.from(",12"));
    expect(items).toEqual([{ a: 1 }, { b: 2 }]); // a number may go on: it ends at the next , or ]
    reader.write(Buffer.from("]"));
    expect(items).toEqual([{ a: 1 }, { b: 2 }, 12]);
    reader.end();
  });

  it("says where a truncated body stopped", () => {
    expect(() => read('[{"ID":"a"},{"ID":"b"},{"ID":')).toThrow(
      new JsonStreamError("the body ended after 29 bytes, inside element 3 (2 read)"),
    );
    expect(() => read('[{"ID":"a"}')).toThrow(/ended after 11 bytes, inside element 2 \(1 read\)/);
    expect(() => read('[{"ID":"a"')).toThrow(/ended after 10 bytes, inside element 1 \(0 read\)/);
    expect(() => read("")).toThrow(/ended after 0 bytes, before the array began/);
  });

  it("refuses what is not one JSON array", () => {
    expect(() => read('{"ID":"a"}')).toThrow(/not a JSON array \(it starts with "\{"\)/);
    expect(() => read("[1,,2]")).toThrow(/missing array element at byte 3/);
    expect(() => read("[1,]")).toThrow(/missing array element/);
    expect(() => read("[1] [2]")).toThrow(/text after the array's closing \] at byte 4/);
    expect(() => read('[{"a":tru}]')).toThrow(/element 1 is not valid JSON/);
    expect(() => read("[1 2]")).toThrow(/element 1 is not valid JSON/);
    expect(() => read("[{} {}]")).toThrow(/expected , or \] after element 1 at byte 4/);
    expect(() => read("[{}}]")).toThrow(/expected , or \] after element 1 at byte 3/);
    expect(() => read("[}]")).toThrow(/unexpected \} at byte 1/);
  });
});
