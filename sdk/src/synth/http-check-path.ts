// Nomad refuses an http check whose path Go's url.Parse can't read, or that names a scheme
// ("http type must have valid/relative http path"). This is that parse, for the paths a check
// can have; each branch was checked against a real agent's /v1/validate/job.

const HEX = /^[0-9A-Fa-f]{2}$/;
const HOST_CHARS = /^[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"%]*$/;
const USERINFO_CHARS = /^[A-Za-z0-9\-_.~!$&'()*+,;=:%@]*$/;

function escapesValid(text: string): boolean {
  for (let i = text.indexOf("%"); i >= 0; i = text.indexOf("%", i + 1)) {
    if (!HEX.test(text.slice(i + 1, i + 3))) return false;
  }
  return true;
}

/** Why Nomad refuses `path` for an http check, or undefined when it takes it. */
export function httpCheckPathProblem(path: string): string | undefined {
  if (path === "") return "an http check needs a path";
  if ([...path].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return "the path has a control character, which Go's URL parser refuses";
  const [url = "", fragment = ""] = splitOnce(path, "#");
  if (!escapesValid(fragment)) return "the fragment has a % that starts no escape (%XX)";
  const scheme = /^[A-Za-z][A-Za-z0-9+\-.]*:/.exec(url);
  if (url.startsWith(":"))
    return "the path starts with a colon, which Go's URL parser reads as a missing scheme";
  if (scheme)
    return `the path names a scheme ("${scheme[0]}"); Nomad wants a path relative to the service's address`;
  const [rest = ""] = splitOnce(url, "?");
  if (!rest.startsWith("/") && (splitOnce(rest, "/")[0] ?? "").includes(":"))
    return "the first segment of a path that doesn't start with / has a colon";
  let pathPart = rest;
  if (rest.startsWith("//")) {
    const end = rest.indexOf("/", 2);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    pathPart = end < 0 ? "" : rest.slice(end);
    const at = authority.lastIndexOf("@");
    const host = authority.slice(at + 1);
    if (at >= 0 && !USERINFO_CHARS.test(authority.slice(0, at)))
      return "the path's user info has a character a URL can't hold";
    if (host.startsWith("[") ? !host.includes("]") : !HOST_CHARS.test(host) || !escapesValid(host))
      return "the path starts with // and what follows is not a host name";
  }
  if (!escapesValid(pathPart)) return "the path has a % that starts no escape (%XX)";
  return undefined;
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const i = text.indexOf(sep);
  return i < 0 ? [text, undefined] : [text.slice(0, i), text.slice(i + sep.length)];
}
