import { defineCodes, type DraftOf } from '../findings.js';
import { answerQuality, excerpt, manifestEvidence } from './helpers.js';
import { STANDARD_URL, type IndicatorModule } from './types.js';

/** Formats that need one vendor's software to read; they do not count as non-proprietary. */
const PROPRIETARY_FORMATS = /^(xls|\.xls|mdb|accdb|sav|spss|dta|stata|sas7bdat|sas|pbix|shp\+?esri|esri file geodatabase|gdb|fmw|mat|numbers|doc|ppt|wpd)$/i;

const codes = defineCodes({
  'data/mechanism-declared': {
    status: 'pass',
    title: 'Data extraction mechanism',
    description: 'Non-PII data can be exported and imported in non-proprietary formats.',
    message: 'Non-PII data can be extracted: {mechanism} (formats: {?formats:{formats}|not named}).',
  },
  'data/not-applicable': {
    status: 'n/a',
    title: 'No non-PII data',
    description: 'The solution neither collects nor uses non-PII data or content.',
    message: 'Declares that the solution collects or uses no non-PII data or content.',
  },
  'data/not-declared': {
    unanswered: true,
    status: 'fail',
    title: 'Data extraction not declared',
    description: 'The application asks whether the solution collects or uses non-PII data, and if so how it can be extracted or imported.',
    message: 'The manifest does not say whether the solution collects or uses non-PII data.',
    fix: 'Add `dataExtraction: { collectsNonPII: true, mechanism: "…", formats: [CSV, JSON] }` (or `collectsNonPII: false`).',
  },
  'data/mechanism-missing': {
    status: 'fail',
    title: 'No extraction mechanism',
    description: 'A solution that collects non-PII data must let it be extracted or imported in a non-proprietary format.',
    message: 'The solution collects non-PII data, but no mechanism to extract or import it is described.',
    fix: 'Describe under `dataExtraction.mechanism` how data is exported/imported (an API, an export feature) and in which formats.',
  },
  'data/formats-missing': {
    status: 'warn',
    title: 'Formats not named',
    description: 'Reviewers check that extraction uses non-proprietary formats such as CSV, JSON or XML.',
    message: 'No extraction formats are named.',
    fix: 'List them under `dataExtraction.formats`, for example [CSV, JSON].',
  },
  'data/mechanism-brief': {
    status: 'review',
    title: 'Extraction mechanism named briefly',
    description:
      'A mechanism named in a few words ("REST API", "CSV export") is an answer, but a terse one: whether it lets users extract their non-personal data is for a reviewer to judge.',
    message: 'The extraction mechanism is named briefly: "{mechanism}".',
    question: 'Does "{mechanism}" let users extract the non-personal data in a non-proprietary format, and is it documented?',
    fix: 'Describe how the data is extracted (an export, an API, a dump), in which formats, and link its documentation.',
  },
  'data/proprietary-format-only': {
    status: 'fail',
    title: 'Only proprietary formats',
    description: 'Extraction must be possible in a non-proprietary format.',
    message: 'Every declared format is proprietary: {formats}.',
    fix: 'Offer extraction in an open format as well (CSV, JSON, XML, GeoJSON, Parquet).',
  },
});

/** A finding of this indicator: one of its codes, with the arguments its templates name. */
type Draft = DraftOf<typeof codes>;

export const dataExtractionIndicator: IndicatorModule = {
  meta: {
    id: '6',
    title: 'Mechanism for extracting data and content',
    requirement:
      'Digital public goods with non-personally identifiable information (PII) design for the possibility of extracting or importing non-PII data and content from the system in a non-proprietary format.',
    url: STANDARD_URL,
  },
  codes,
  check(facts) {
    const declared = facts.manifest?.data?.dataExtraction;
    const evidence = manifestEvidence(facts, '/dataExtraction');
    if (declared?.collectsNonPII === undefined) return [{ code: 'data/not-declared', evidence: manifestEvidence(facts, '') }];
    if (declared.collectsNonPII === false) return [{ code: 'data/not-applicable', evidence }];
    const findings: Draft[] = [];
    const formats = declared.formats ?? [];
    const quality = answerQuality(declared.mechanism, 4);
    if (quality === 'missing' || quality === 'placeholder') findings.push({ code: 'data/mechanism-missing', evidence });
    else if (quality === 'brief') findings.push({ code: 'data/mechanism-brief', args: { mechanism: excerpt(declared.mechanism as string, 80) }, evidence });
    if (formats.length === 0) findings.push({ code: 'data/formats-missing', evidence });
    else if (formats.every((format) => PROPRIETARY_FORMATS.test(format.trim())))
      findings.push({
        code: 'data/proprietary-format-only',
        args: { formats },
        evidence: manifestEvidence(facts, '/dataExtraction/formats'),
      });
    if (!findings.some((finding) => finding.code === 'data/mechanism-missing' || finding.code === 'data/proprietary-format-only')) {
      findings.unshift({
        code: 'data/mechanism-declared',
        args: { mechanism: (declared.mechanism ?? '').trim().slice(0, 120), formats },
        evidence,
      });
    }
    return findings;
  },
};
