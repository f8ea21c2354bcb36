import { UsageError } from '../errors.js';
import { describeValue, isObject } from '../util/describe-value.js';
import type { Report } from './types.js';

/** A report handed to a formatter from JavaScript, where nothing checks the types: a UsageError when it is none. */
export function assertReport(value: unknown, where: string): asserts value is Report {
  if (
    !isObject(value) ||
    value.schemaVersion !== 1 ||
    !Array.isArray(value.findings) ||
    !Array.isArray(value.indicators) ||
    (value.verdict !== 'ready' && value.verdict !== 'not-ready')
  ) {
    throw new UsageError(`${where}: expected a report (the result of checkSource or runCheck), got ${describeValue(value)}.`);
  }
}
