import { Cron } from "croner";

const PREDEFINED = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);
const YEAR_FIELD = /^(\*|\d{4}(-\d{4})?(\/\d+)?)(,(\*|\d{4}(-\d{4})?(\/\d+)?))*$/;

/**
 * Checks a cron expression the way Nomad's cron library reads it: 5 fields
 * (minute hour day month weekday), 6 fields (the same plus a year), 7 fields
 * (second first, year last), or a predefined @daily-style name. Returns the
 * problem, or undefined when the expression is valid.
 */
export function cronProblem(expression: string): string | undefined {
  const text = expression.trim();
  if (PREDEFINED.has(text)) return undefined;
  const fields = text.split(/\s+/);
  const hint = 'write 5 fields (minute hour day-of-month month day-of-week), such as "0 3 * * *", or @daily';
  if (fields.length < 5 || fields.length > 7) {
    return `cron "${expression}" has ${fields.length} field(s): ${hint}`;
  }
  // croner takes seconds first and an optional trailing year; Nomad's 6-field form has no seconds.
  let pattern = text;
  if (fields.length === 6) {
    const year = fields[5] ?? "";
    if (!YEAR_FIELD.test(year))
      return `cron "${expression}": "${year}" is not a year field (the 6th field is the year)`;
    pattern = fields.slice(0, 5).join(" ");
  } else if (fields.length === 7) {
    const year = fields[6] ?? "";
    if (!YEAR_FIELD.test(year))
      return `cron "${expression}": "${year}" is not a year field (the 7th field is the year)`;
    pattern = fields.slice(0, 6).join(" ");
  }
  try {
    new Cron(pattern, { paused: true });
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, "") : String(error);
    return `cron "${expression}" is not valid: ${reason}; ${hint}`;
  }
}
