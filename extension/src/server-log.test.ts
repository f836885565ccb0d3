// The language client's report of a clean server exit is logged as info, not as an error;
// a crash still reads as one.
import { describe, expect, it } from "vitest";
import { cleanExitLine, withCleanExit } from "./server-log.js";

describe("withCleanExit", () => {
  it("turns the client's clean-exit error into an info line, and passes the rest", () => {
    const lines: string[] = [];
    const infos: string[] = [];
    const output = withCleanExit({
      appendLine: (l: string) => lines.push(l),
      info: (m: string) => infos.push(m),
      name: "Nomad",
    });
    // The exact line vscode-languageclient 9 writes (node/main.js, on the process's exit).
    output.appendLine("[Error - 10:04:05 AM] Server process exited with code 0.");
    output.appendLine("[Error - 10:04:05 AM] Server process exited with code 1.");
    output.appendLine("[Error - 10:04:05 AM] Server process exited with signal SIGKILL.");
    expect(infos).toEqual(["language server stopped (exit code 0)"]);
    expect(lines).toEqual([
      "[Error - 10:04:05 AM] Server process exited with code 1.",
      "[Error - 10:04:05 AM] Server process exited with signal SIGKILL.",
    ]);
    expect(output.name).toBe("Nomad");
    expect(cleanExitLine("Server process exited with code 0. (not the client's format)")).toBeUndefined();
  });
});
