// What one run of plan, apply or destroy cost in cloud API calls, for the CLI and the tests.

/** Cloud API calls one run made, by command, and how many HTTP attempts they took. */
export class CallCounter {
  readonly byCommand = new Map<string, number>();
  attempts = 0;

  get total(): number {
    let n = 0;
    for (const v of this.byCommand.values()) n += v;
    return n;
  }

  /** Calls that change something (anything but AWS's Describe*; clouds may say otherwise). */
  get mutating(): number {
    let n = 0;
    for (const [name, v] of this.byCommand) if (!name.startsWith("Describe")) n += v;
    return n;
  }

  record(command: string, attempts: number): void {
    this.byCommand.set(command, (this.byCommand.get(command) ?? 0) + 1);
    this.attempts += attempts;
  }
}
