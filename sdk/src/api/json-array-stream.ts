// Reads a JSON array as its bytes arrive: each element is handed to JSON.parse as soon as its
// last byte is in, so nothing bigger than one element is ever a string. A list of a million
// allocation stubs is about 1.1 GB of JSON, twice V8's longest string.
//
// Why not a streaming JSON parser (@streamparser/json, stream-json): they tokenize every byte in
// JavaScript. Measured on one 6.3 MB page of allocation stubs, @streamparser/json took 250–780 ms
// where JSON.parse took 37–100 ms and this reader 84–220 ms; at 1.1 GB that is a minute against
// seconds. This reader only finds where each element ends (brackets and braces outside strings,
// and string ends: backslash escapes honoured, across chunk boundaries too); V8's JSON.parse does
// the parsing and all validation. The bytes it looks at are ASCII, which never occur inside a
// multi-byte UTF-8 sequence, and an element cut across chunks is joined before decoding.

/** The body was not one complete JSON array. */
export class JsonStreamError extends Error {
  override readonly name = "JsonStreamError";
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export class JsonArrayReader<T = unknown> {
  /** Bytes read so far. */
  bytes = 0;
  /** Elements handed to onItem so far. */
  items = 0;
  /** 0 before the opening `[`, 1 inside the array, deeper inside an element. */
  #depth = 0;
  #inString = false;
  /** The previous chunk ended on a backslash inside a string: the next byte is escaped. */
  #escaped = false;
  #closed = false;
  /** The start of the element being read in earlier chunks. */
  #parts: Buffer[] = [];
  #inElement = false;
  /** An object or array element was just handed on: a , or ] comes next. */
  #afterElement = false;

  constructor(private readonly onItem: (item: T) => void) {}

  write(chunk: Buffer): void {
    if (this.#closed) {
      const at = chunk.findIndex((c) => !isSpace(c));
      if (at !== -1) throw this.#error(`text after the array's closing ] at byte ${this.bytes + at}`);
      this.bytes += chunk.length;
      return;
    }
    const n = chunk.length;
    let i = 0;
    // Where the current element starts in this chunk; 0 when it began in an earlier one.
    let start = this.#inElement ? 0 : -1;
    let nextBackslash = -2;
    if (this.#escaped) {
      this.#escaped = false;
      i = 1;
    }
    while (i < n) {
      if (this.#inString) {
        const quote = chunk.indexOf(QUOTE, i);
        if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = chunk.indexOf(BACKSLASH, i);
        if (nextBackslash !== -1 && (quote === -1 || nextBackslash < quote)) {
          // Skip the escaped character, which may be a quote.
          if (nextBackslash + 1 >= n) this.#escaped = true;
          i = nextBackslash + 2;
          continue;
        }
        if (quote === -1) {
          i = n;
          break;
        }
        this.#inString = false;
        i = quote + 1;
        continue;
      }
      const c = chunk[i] as number;
      if (this.#depth === 0) {
        if (c === OPEN_BRACKET) this.#depth = 1;
        else if (!isSpace(c)) throw this.#error(`the body is not a JSON array (it starts with ${show(c)})`);
      } else if (this.#depth === 1) {
        if (c === CLOSE_BRACKET || c === COMMA) {
          if (this.#inElement) {
            // A number, string or literal ends here.
            this.#emit(chunk, start, i);
            start = -1;
          } else if (!this.#afterElement && (c === COMMA || this.items > 0)) {
            // `[,` `,,` or `,]`: a missing element.
            throw this.#error(`a missing array element at byte ${this.bytes + i}`);
          }
          this.#afterElement = false;
          if (c === CLOSE_BRACKET) {
            this.#closed = true;
            this.#depth = 0;
            this.bytes += i + 1;
            this.write(chunk.subarray(i + 1));
            return;
          }
        } else if (!isSpace(c)) {
          if (this.#afterElement)
            throw this.#error(`expected , or ] after element ${this.items} at byte ${this.bytes + i}`);
          if (!this.#inElement) {
            this.#inElement = true;
            start = i;
          }
          if (c === QUOTE) this.#inString = true;
          else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.#depth++;
          else if (c === CLOSE_BRACE) throw this.#error(`an unexpected } at byte ${this.bytes + i}`);
        }
      } else if (c === QUOTE) this.#inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.#depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.#depth--;
        if (this.#depth === 1) {
          // An object or array element is complete with its closing brace or bracket.
          this.#emit(chunk, start, i + 1);
          start = -1;
          this.#afterElement = true;
        }
      }
      i++;
    }
    if (this.#inElement) this.#parts.push(start === 0 ? chunk : chunk.subarray(start));
    this.bytes += n;
  }

  /** The body is over: throws unless the array was closed. */
  end(): void {
    if (this.#closed) return;
    const where = this.#depth === 0 ? "before the array began" : `inside element ${this.items + 1}`;
    throw this.#error(`the body ended after ${this.bytes} bytes, ${where} (${this.items} read)`);
  }

  #emit(chunk: Buffer, start: number, end: number): void {
    let text: string;
    if (this.#parts.length > 0) {
      this.#parts.push(chunk.subarray(0, end));
      text = Buffer.concat(this.#parts).toString("utf8");
      this.#parts = [];
    } else text = chunk.toString("utf8", start, end);
    this.#inElement = false;
    let item: T;
    try {
      item = JSON.parse(text) as T;
    } catch (err) {
      throw this.#error(`element ${this.items + 1} is not valid JSON: ${(err as Error).message}`);
    }
    this.items++;
    this.onItem(item);
  }

  #error(message: string): JsonStreamError {
    return new JsonStreamError(message);
  }
}

function show(c: number): string {
  return c >= 0x20 && c < 0x7f ? `"${String.fromCharCode(c)}"` : `byte 0x${c.toString(16)}`;
}
