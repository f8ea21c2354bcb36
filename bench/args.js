// Command-line options of the bench scripts: `--name VALUE` and `--flag`.
const args = process.argv.slice(2);

/** The value after `--name`, or `fallback`. */
export function textOption(name, fallback) {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : args[index + 1];
}

/** The number after `--name`, or `fallback`. */
export function numberOption(name, fallback) {
  const value = textOption(name);
  return value === undefined ? fallback : Number(value);
}

/** Whether `--name` is given. */
export function flag(name) {
  return args.includes(`--${name}`);
}
