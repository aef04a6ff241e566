/**
 * Six-field NCRONTAB (`{second} {minute} {hour} {day} {month} {day-of-week}`), the schedule
 * format of Azure Functions timer triggers, so the local timer runner fires on the same
 * schedules as Azure. Times are evaluated in UTC (Azure's default when WEBSITE_TIME_ZONE is unset).
 * Like NCrontab (which the Functions host uses), day-of-month AND day-of-week must both match.
 */

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  },
  // 7 is accepted as Sunday and folded onto 0 after parsing.
  { name: 'day-of-week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

export interface NcrontabSchedule {
  readonly expression: string;
  /** For each field, `allowed[v]` is true when value v matches. */
  readonly second: readonly boolean[];
  readonly minute: readonly boolean[];
  readonly hour: readonly boolean[];
  readonly day: readonly boolean[];
  readonly month: readonly boolean[];
  readonly dayOfWeek: readonly boolean[];
}

function parseValue(text: string, spec: FieldSpec, fail: (why: string) => never): number {
  const byName = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  if (byName >= 0) return byName + (spec.name === 'month' ? 1 : 0);
  if (!/^\d+$/.test(text)) fail(`'${text}' is not a number`);
  const value = Number(text);
  if (value < spec.min || value > spec.max) fail(`${value} is outside ${spec.min}-${spec.max}`);
  return value;
}

function parseField(text: string, spec: FieldSpec, expression: string): boolean[] {
  const fail = (why: string): never => {
    throw new Error(`Invalid NCRONTAB expression '${expression}': ${spec.name} field '${text}': ${why}`);
  };
  const allowed = new Array<boolean>(spec.max + 1).fill(false);
  for (const item of text.split(',')) {
    if (item === '') fail('empty list item');
    const [rangeText = '', stepText, extra] = item.split('/');
    if (extra !== undefined || rangeText === '') fail(`malformed item '${item}'`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) fail(`step '${stepText}' must be a positive integer`);
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (rangeText === '*') {
      from = spec.min;
      to = spec.name === 'day-of-week' ? 6 : spec.max;
    } else if (rangeText.includes('-')) {
      const [a, b, more] = rangeText.split('-');
      if (more !== undefined || !a || !b) fail(`malformed range '${rangeText}'`);
      from = parseValue(a as string, spec, fail);
      to = parseValue(b as string, spec, fail);
      if (from > to) fail(`range '${rangeText}' runs backwards`);
    } else {
      from = parseValue(rangeText, spec, fail);
      // `a/n` means from a to the end of the field, stepping n (as in Vixie cron and NCrontab).
      to = stepText === undefined ? from : spec.name === 'day-of-week' ? 6 : spec.max;
    }
    for (let v = from; v <= to; v += step) allowed[v] = true;
  }
  return allowed;
}

export function parseNcrontab(expression: string): NcrontabSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 6) {
    throw new Error(
      `Invalid NCRONTAB expression '${expression}': expected 6 fields ({second} {minute} {hour} {day} {month} {day-of-week}), got ${parts.length}`,
    );
  }
  const [second, minute, hour, day, month, dow] = FIELDS.map((spec, i) => parseField(parts[i]!, spec, expression));
  const dayOfWeek = dow!.slice(0, 7);
  if (dow![7]) dayOfWeek[0] = true;
  return { expression, second: second!, minute: minute!, hour: hour!, day: day!, month: month!, dayOfWeek };
}

export function matchesNcrontab(schedule: NcrontabSchedule, date: Date): boolean {
  return (
    schedule.second[date.getUTCSeconds()] === true &&
    schedule.minute[date.getUTCMinutes()] === true &&
    schedule.hour[date.getUTCHours()] === true &&
    schedule.day[date.getUTCDate()] === true &&
    schedule.month[date.getUTCMonth() + 1] === true &&
    schedule.dayOfWeek[date.getUTCDay()] === true
  );
}

/** Looking further than this for a match means the schedule can never fire (e.g. `0 0 0 30 2 *`). */
const SEARCH_YEARS = 8;

/** The first instant strictly after `after` (whole seconds, UTC) that matches the schedule. */
export function nextOccurrence(schedule: NcrontabSchedule | string, after: Date): Date {
  const s = typeof schedule === 'string' ? parseNcrontab(schedule) : schedule;
  const t = new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000);
  const limit = after.getUTCFullYear() + SEARCH_YEARS;
  while (t.getUTCFullYear() <= limit) {
    if (!s.month[t.getUTCMonth() + 1]) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!s.day[t.getUTCDate()] || !s.dayOfWeek[t.getUTCDay()]) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!s.hour[t.getUTCHours()]) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!s.minute[t.getUTCMinutes()]) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    if (!s.second[t.getUTCSeconds()]) {
      t.setUTCSeconds(t.getUTCSeconds() + 1, 0);
      continue;
    }
    return t;
  }
  throw new Error(`NCRONTAB expression '${s.expression}' has no occurrence within ${SEARCH_YEARS} years`);
}
