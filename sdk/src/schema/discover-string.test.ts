import { describe, expect, it } from "vitest";
import { formatDiscover, parseDiscover } from "./discover-string.js";

describe("go-discover strings", () => {
  it.each([
    [
      "provider=aws tag_key=nomad tag_value=srv",
      { provider: "aws", args: { tag_key: "nomad", tag_value: "srv" } },
    ],
    [
      'provider=aws tag_value="a b" region=eu-west-1',
      { provider: "aws", args: { tag_value: "a b", region: "eu-west-1" } },
    ],
    ['provider=aws tag_value="say \\"hi\\" \\\\"', { provider: "aws", args: { tag_value: 'say "hi" \\' } }],
    [
      "  provider=aws   endpoint=http://10.0.0.1:5000/x?a=b  ",
      { provider: "aws", args: { endpoint: "http://10.0.0.1:5000/x?a=b" } },
    ],
    [
      "provider=gce project_name=p zone_pattern=us-.* tag_value=srv",
      { provider: "gce", args: { project_name: "p", zone_pattern: "us-.*", tag_value: "srv" } },
    ],
  ])("reads %s", (text, config) => {
    expect(parseDiscover(text)).toEqual({ ok: true, config });
  });

  it.each([
    ["provider=aws tag_ky=x", 'provider=aws takes no "tag_ky" key'],
    ["provider=nope", 'Unknown cloud auto-join provider "nope"'],
    // Upstream go-discover documents label filters for gce; the release Nomad pins has none.
    [
      "provider=gce project_name=p label_key=role label_value=server",
      'provider=gce takes no "label_key" key: the go-discover Nomad 1.11.3 pins (github.com/hashicorp/go-discover/provider/gce@v0.0.0-20241120163552-5eb1507d16b4) reads only project_name, tag_value, zone_pattern, credentials_file.\n' +
        'provider=gce takes no "label_value" key',
    ],
    ["tag_key=x", 'No "provider=" key'],
    ["provider=aws tag_key", '"tag_key" is not key=value'],
    ['provider=aws tag_value="open', "is not closed"],
    ['provider=aws tag_value="a"b', "Text follows the quoted value"],
    ["provider=aws region=a region=b", '"region" is given twice'],
  ])("refuses %s", (text, message) => {
    const parsed = parseDiscover(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.message).join("\n")).toContain(message);
  });

  it("reports every problem at once, with its place", () => {
    const parsed = parseDiscover("provider=aws tag_ky=x regon=y");
    expect(parsed.ok ? [] : parsed.problems.map((p) => [p.start, p.end, p.suggest?.word])).toEqual([
      [13, 21, "tag_ky"],
      [22, 29, "regon"],
    ]);
  });

  it("writes what it reads back, quoting like go-discover", () => {
    const config = {
      provider: "aws",
      args: { tag_key: "nomadkit:join", tag_value: 'a "b" c', endpoint: "" },
    };
    const text = formatDiscover(config);
    expect(text).toBe('provider=aws tag_key=nomadkit:join tag_value="a \\"b\\" c" endpoint=""');
    expect(parseDiscover(text)).toEqual({ ok: true, config });
  });

  it("refuses to write a key the provider lacks", () => {
    expect(() => formatDiscover({ provider: "gce", args: { tag_key: "x" } })).toThrow(/takes no "tag_key"/);
  });
});
