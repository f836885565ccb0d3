/** `http, tcp or grpc`: a list in prose, for messages built from schema data. */
export function inProse(words: readonly string[], conjunction: "and" | "or"): string {
  return words.length < 2
    ? (words[0] ?? "")
    : `${words.slice(0, -1).join(", ")} ${conjunction} ${words.at(-1)}`;
}
