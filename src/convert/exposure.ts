import type { ExposureLevel } from '../manifest/types.js';

/**
 * The application's answers for 9a and 9b are sentences ("PII data is collected and stored but NOT
 * distributed."), one per exposure level; these are the four the application offers.
 */
export function exposureSentence(subject: 'PII data' | 'Content', level: ExposureLevel): string {
  switch (level) {
    case 'none':
      return `${subject} is NOT collected NOT stored and NOT distributed.`;
    case 'collected':
      return `${subject} is collected but NOT stored and NOT distributed.`;
    case 'collected-stored':
      return `${subject} is collected and stored but NOT distributed.`;
    case 'collected-stored-distributed':
      return `${subject} is collected and stored and distributed.`;
  }
}

/** Reads such a sentence, including the variants records show ("collected stored and distributed"). */
export function exposureFromSentence(sentence: string): ExposureLevel | undefined {
  const text = sentence.toLowerCase();
  if (!/collected/.test(text)) return undefined;
  if (/not collected/.test(text)) return 'none';
  if (/distributed/.test(text) && !/not distributed/.test(text)) return 'collected-stored-distributed';
  if (/stored/.test(text) && !/not stored/.test(text)) return 'collected-stored';
  return 'collected';
}
