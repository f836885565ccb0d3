// What the language client writes to the output channel, with one correction: it logs every
// server exit as an error ("[Error - 10:00:00] Server process exited with code 0."), even the
// clean one a restart or window reload asks for. No vscode import: tested on its own.

const EXIT = /^\[Error\s*-\s*[^\]]*\]\s*Server process exited with code 0\.$/;

/** The info line to log instead of `line`, when `line` is the client's report of a clean exit. */
export function cleanExitLine(line: string): string | undefined {
  return EXIT.test(line.trim()) ? "language server stopped (exit code 0)" : undefined;
}

interface Channel {
  appendLine(value: string): void;
  info(message: string): void;
}

/** `output` with the clean exit logged as info; everything else passes through. */
export function withCleanExit<C extends Channel>(output: C): C {
  return new Proxy(output, {
    get(target, prop) {
      if (prop === "appendLine")
        return (line: string) => {
          const clean = cleanExitLine(line);
          if (clean) target.info(clean);
          else target.appendLine(line);
        };
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
