import { documentationIndicator } from '../../src/indicators/i5-documentation.js';
import { testIndicator } from '../support/indicator-tester.js';

/** About 60 words of what the project is: a README needs about three of these to reach 150 words. */
const ABOUT = `Market Prices collects the weekly prices of staple foods from market surveyors, checks them for
outliers and publishes them as a dashboard and an open data feed. Ministries of agriculture use it to
spot price spikes early, and farmers' cooperatives use it to decide where to sell. It runs on a single
small server and works offline on the surveyors' phones.`;

const INSTALL = `## Installation

You need Python 3.11 and PostgreSQL 15. Clone the repository, create a virtual environment and install
the requirements, then create the database and load the list of markets for your country.

\`\`\`sh
pip install -r requirements.txt
python manage.py migrate
\`\`\`

## Usage

Start the server with \`python manage.py runserver\`, open the dashboard in a browser and sign in with the
administrator account created during the installation. Surveyors install the app from the releases page
and enter prices market by market; the dashboard shows them within minutes.
`;

const README_OK = `# Market Prices\n\n${ABOUT}\n\n${ABOUT}\n\n${INSTALL}`;
/** As long as README_OK, with no install or usage section. */
const README_NO_HOW_TO = `# Market Prices\n\n${ABOUT}\n\n## Background\n\n${ABOUT}\n\n## Why\n\n${ABOUT}\n`;

const DOCS = { 'docs/install.md': '# Installing Market Prices\n\n1. Install Python 3.11 and PostgreSQL 15.\n', 'docs/usage.md': '# Using the dashboard\n' };

function manifest(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Market Prices',
    categories: ['software'],
    documentation: { summary: 'The README and docs/ cover installation and usage.', links: ['README.md', 'docs/'] },
    ...extra,
  };
}

/** The prices as a data set, documented in its README. */
const DATA_MANIFEST = {
  name: 'Market Prices Data',
  categories: ['data'],
  documentation: { summary: 'The README says how the prices are collected.', links: ['README.md'] },
};

testIndicator(documentationIndicator, {
  valid: [
    {
      name: 'a README with installation and usage sections',
      files: { 'README.md': README_OK, ...DOCS },
      manifest: manifest(),
      expect: [
        {
          code: 'docs/readme-ok',
          message: /^README\.md has 2\d\d words and sections: Installation, Usage\.$/,
          evidence: [
            { path: 'README.md', line: 13, note: 'Installation' },
            { path: 'README.md', line: 23, note: 'Usage' },
          ],
        },
      ],
    },
    {
      name: 'a brief README that points to the docs folder',
      files: {
        'README.md':
          '# Market Prices\n\nWeekly food prices from markets, as a dashboard and an open data feed. See the [installation guide](docs/install.md).\n',
        ...DOCS,
      },
      manifest: manifest(),
      expect: [
        { code: 'docs/readme-brief', status: 'review', message: 'README.md is brief (22 words) and points to documentation at docs/, docs/install.md.' },
      ],
    },
    {
      name: 'a long README whose run instructions are in the docs folder',
      files: { 'README.md': README_NO_HOW_TO, ...DOCS },
      manifest: manifest(),
      expect: [{ code: 'docs/run-instructions-elsewhere', message: 'README.md has no installation or usage section; documentation is at docs/.' }],
    },
    {
      name: 'a data set checked without its repository',
      withoutRepository: true,
      manifest: { name: 'Market Prices Data', categories: ['data'], documentation: { links: ['https://prices.example.org/docs'] } },
      expect: [{ code: 'docs/data-fields-unverified', status: 'review' }],
    },
    {
      name: 'a data set with a data dictionary',
      files: {
        'README.md': README_NO_HOW_TO,
        'data/prices-2024.csv': 'market,commodity,unit,price\nKisumu,maize,kg,52\n',
        'data/data-dictionary.md': '# Fields\n\n- market: ...\n',
      },
      manifest: DATA_MANIFEST,
      expect: ['docs/readme-ok'],
    },
  ],
  invalid: [
    {
      name: 'no README at all',
      files: { 'src/app.py': 'print("market prices")\n' },
      manifest: manifest({ documentation: { links: ['https://prices.example.org/docs'] } }),
      expect: [{ code: 'docs/readme-missing', message: 'The repository has no README.' }],
    },
    {
      name: 'a README that is a binary file',
      files: { 'README.md': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]), ...DOCS },
      manifest: manifest(),
      expect: [{ code: 'docs/readme-unreadable', message: 'README.md could not be read as text: a binary file.' }],
    },
    {
      name: 'a README that links out of the repository',
      files: { 'README.md': { unreadable: 'outside-repository' }, ...DOCS },
      manifest: manifest(),
      expect: [
        { code: 'docs/readme-unreadable', message: 'README.md could not be read as text: a symbolic link to a file outside the repository; not followed.' },
      ],
    },
    {
      name: 'a two-line README and nothing else',
      files: { 'README.md': '# Market Prices\n\nFood prices.\n', 'src/app.py': 'print("market prices")\n' },
      manifest: manifest({ documentation: { summary: 'See the README.' } }),
      expect: [
        { code: 'docs/readme-too-short', message: 'README.md is too short to document the solution: 4 of the 150 words expected.' },
        'docs/run-instructions-missing',
      ],
    },
    {
      name: 'a long README that never says how to install or run it',
      files: { 'README.md': README_NO_HOW_TO, 'src/app.py': 'print("market prices")\n' },
      manifest: manifest({ documentation: { summary: 'See the README.' } }),
      expect: [
        {
          code: 'docs/run-instructions-missing',
          message: 'README.md has no installation, usage or getting-started section, and no documentation folder or link is declared.',
        },
      ],
    },
    {
      name: 'the manifest does not say where the documentation is',
      files: { 'README.md': README_OK },
      manifest: { name: 'Market Prices', categories: ['software'] },
      expect: [{ code: 'docs/not-declared', status: 'warn' }],
    },
    {
      name: 'documentation declared at paths that do not exist',
      files: { 'README.md': README_OK },
      manifest: manifest({ documentation: { links: ['README.md', 'docs/admin-guide.md', 'https://prices.example.org/docs'] } }),
      expect: [
        {
          code: 'docs/link-not-found',
          message: 'Documentation points at docs/admin-guide.md, which is not in the repository.',
          evidence: [{ path: 'dpg.yaml', line: 7 }],
        },
      ],
    },
    {
      name: 'a data set whose fields are described nowhere',
      files: { 'README.md': README_NO_HOW_TO, 'data/prices-2024.csv': 'market,commodity,unit,price\nKisumu,maize,kg,52\n' },
      manifest: DATA_MANIFEST,
      expect: [
        { code: 'docs/data-fields-missing', message: 'The solution is a data set, but no data dictionary is declared (`documentation.dataFields`) or found.' },
      ],
    },
  ],
});
