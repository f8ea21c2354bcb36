import type { Formatter } from './types.js';

/** One JSON document, valid against schemas/report.schema.json. */
export const formatJson: Formatter = (report) => `${JSON.stringify(report, null, 2)}\n`;
