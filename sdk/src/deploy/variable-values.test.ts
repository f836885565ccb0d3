import { describe, expect, it } from "vitest";
import { givenValue, parseVariableValues, VariableValuesError, variableEnvName } from "./variable-values.js";

describe("variable values", () => {
  it("the environment wins over the var file's namespace:path, which wins over its path", () => {
    const values = parseVariableValues(
      JSON.stringify({
        "shared/db": { password: "any", user: "app" },
        "qa:shared/db": { password: "qa-only" },
      }),
      "vars.json",
    );
    expect(givenValue(values, {}, "prod", "shared/db", "password")).toBe("any");
    expect(givenValue(values, {}, "qa", "shared/db", "password")).toBe("qa-only");
    const env = { [variableEnvName("shared/db", "password")]: "from-env" };
    expect(givenValue(values, env, "qa", "shared/db", "password")).toBe("from-env");
    expect(givenValue(values, {}, "qa", "shared/db", "missing")).toBeUndefined();
    expect(variableEnvName("nomad/jobs/shop-db", "db_url")).toBe("NOMADKIT_VAR_NOMAD_JOBS_SHOP_DB__DB_URL");
  });

  it("a var file that isn't paths of string values says where, without echoing values", () => {
    expect(() => parseVariableValues("{", "vars.json")).toThrow(VariableValuesError);
    expect(() => parseVariableValues('{"shared/db": {"port": 5432}}', "vars.json")).toThrow(
      'vars.json: "shared/db" › "port" must be a string',
    );
    expect(() => parseVariableValues('["x"]', "vars.json")).toThrow(/expected an object of variable paths/);
  });
});
