import { describe, expect, it } from "vitest";
import { configFromEnv, resolveConfig } from "./config.js";

describe("configFromEnv", () => {
  it("reads every variable Nomad's api.DefaultConfig reads", () => {
    const config = configFromEnv({
      NOMAD_ADDR: "https://nomad.example:4646",
      NOMAD_TOKEN: "t",
      NOMAD_NAMESPACE: "prod",
      NOMAD_REGION: "eu",
      NOMAD_HTTP_AUTH: "ops:pa:ss",
      NOMAD_CACERT: "/ca.pem",
      NOMAD_CAPATH: "/cas",
      NOMAD_CLIENT_CERT: "/cli.pem",
      NOMAD_CLIENT_KEY: "/cli-key.pem",
      NOMAD_TLS_SERVER_NAME: "server.global.nomad",
      NOMAD_SKIP_VERIFY: "true",
    });
    expect({ ...config }).toEqual({
      address: "https://nomad.example:4646",
      token: "t",
      namespace: "prod",
      region: "eu",
      // Split at the first colon, like Nomad.
      httpAuth: { username: "ops", password: "pa:ss" },
      tls: {
        caCert: "/ca.pem",
        caPath: "/cas",
        clientCert: "/cli.pem",
        clientKey: "/cli-key.pem",
        serverName: "server.global.nomad",
        insecure: true,
      },
    });
  });

  it.each([
    [{}, {}],
    [{ NOMAD_ADDR: "" }, {}],
    [{ NOMAD_HTTP_AUTH: "ops" }, { httpAuth: { username: "ops" } }],
    [{ NOMAD_SKIP_VERIFY: "1" }, { tls: { insecure: true } }],
    [{ NOMAD_SKIP_VERIFY: "F" }, { tls: { insecure: false } }],
    // Nomad ignores a value strconv.ParseBool rejects: verification stays on.
    [{ NOMAD_SKIP_VERIFY: "yes" }, {}],
    [{ NOMAD_CLI_NO_COLOR: "1", NOMAD_VAR_x: "y" }, {}],
  ])("%j → %j", (env, expected) => {
    expect({ ...configFromEnv(env) }).toEqual(expected);
  });
});

describe("resolveConfig", () => {
  it("lets given settings win, field by field, and ignores explicit undefined", () => {
    const config = resolveConfig(
      { address: "http://other:4646", token: undefined, tls: { serverName: "x" } },
      { NOMAD_ADDR: "http://env:4646", NOMAD_TOKEN: "t", NOMAD_CACERT: "/ca.pem" },
    );
    expect({ ...config }).toEqual({
      address: "http://other:4646",
      token: "t",
      tls: { caCert: "/ca.pem", serverName: "x" },
    });
  });
});
