import { afterEach, describe, expect, it } from "vitest";
import { gcpClients } from "./clients.js";
import { explainGcpError } from "./provision.js";

describe("GCP clients", () => {
  afterEach(() => {
    delete process.env.NOMADKIT_GCE_ENDPOINT;
  });

  it("says what a bad NOMADKIT_GCE_ENDPOINT should look like", () => {
    process.env.NOMADKIT_GCE_ENDPOINT = "127.0.0.1:8089";
    expect(() => gcpClients()).toThrow(
      'cluster: NOMADKIT_GCE_ENDPOINT "127.0.0.1:8089" is not a URL like http://127.0.0.1:8080',
    );
  });

  it("says where credentials come from when there are none", () => {
    const none = new Error(
      "Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.",
    );
    expect(explainGcpError(none)).toBe(
      "Could not load the default credentials — set GOOGLE_APPLICATION_CREDENTIALS or run `gcloud auth application-default login`",
    );
  });
});
