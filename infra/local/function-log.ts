/**
 * What the local platform prints of a function's `context.log` calls, as host.json's logLevel
 * does in Azure: information, warnings and errors always; debug and trace (per-event lines, such
 * as which subscribers handled an event) only with LOG_LEVEL=debug, so `npm start` stays calm.
 */
export type LogHandler = (level: string, ...args: unknown[]) => void;

const QUIET_LEVELS = new Set(['debug', 'trace']);

export function functionLogHandler(
  name: string,
  log: (line: string) => void,
  verbose: boolean,
  render: (arg: unknown) => string = String,
): LogHandler {
  return (level, ...args) => {
    if (!verbose && QUIET_LEVELS.has(level)) return;
    log(`[${name}] ${level}: ${args.map(render).join(' ')}`);
  };
}
