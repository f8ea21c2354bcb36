import { platformIndicator } from '../../src/indicators/i4-platform.js';
import { testIndicator } from '../support/indicator-tester.js';

/** A small web map of water points in Node.js; each case changes its dependencies or its answer. */
const README = '# Water Points\n\nA web map of community water points and their repair status.\n';

function packageJson(dependencies: Record<string, string>, devDependencies: Record<string, string> = {}): string {
  return `${JSON.stringify({ name: 'water-points', version: '1.4.0', private: true, dependencies, devDependencies }, null, 2)}\n`;
}

const OPEN_PACKAGE = packageJson({ express: '^4.19.2', leaflet: '^1.9.4', pg: '^8.11.3' }, { vitest: '^1.6.0' });

function manifest(platformIndependence?: Record<string, unknown>): Record<string, unknown> {
  return { name: 'Water Points', categories: ['software'], ...(platformIndependence ? { platformIndependence } : {}) };
}

/** A package-lock.json (v3) that locks one package besides the open ones. */
function packageLock(name: string, version: string, license: string, flags: Record<string, boolean> = {}): string {
  const packages = {
    '': { name: 'water-points', version: '1.4.0', dependencies: { express: '^4.19.2', [name]: `^${version}` } },
    'node_modules/express': { version: '4.19.2', license: 'MIT' },
    [`node_modules/${name}`]: { version, license, ...flags },
  };
  return `${JSON.stringify({ name: 'water-points', version: '1.4.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

testIndicator(platformIndicator, {
  valid: [
    {
      name: 'no closed components declared, and only open dependencies',
      files: { 'README.md': README, 'package.json': OPEN_PACKAGE },
      manifest: manifest({ hasClosedComponents: false }),
      expect: [{ code: 'platform/no-closed-components', message: 'Declares no closed components; none known were found in 4 dependencies.' }],
    },
    {
      name: 'a closed map service declared with open alternatives',
      files: { 'README.md': README, 'package.json': packageJson({ express: '^4.19.2', 'mapbox-gl': '^3.1.0' }) },
      manifest: manifest({
        hasClosedComponents: true,
        closedComponents: [
          {
            name: 'mapbox-gl',
            mandatory: true,
            openAlternatives: ['MapLibre GL JS', 'Leaflet'],
            replacement: 'Swap the import for maplibre-gl; the API is compatible.',
          },
        ],
      }),
      expect: [{ code: 'platform/closed-with-alternatives', message: 'mapbox-gl is closed; open alternatives: MapLibre GL JS, Leaflet.' }],
    },
    {
      name: 'an optional closed analytics client',
      files: { 'README.md': README, 'package.json': OPEN_PACKAGE },
      manifest: manifest({ hasClosedComponents: true, closedComponents: [{ name: 'Google Analytics', mandatory: false }] }),
      expect: [{ code: 'platform/closed-optional', message: 'Google Analytics is closed but not mandatory: the solution runs without it.' }],
    },
    {
      name: 'closed components described in words instead of listed',
      files: { 'README.md': README, 'package.json': OPEN_PACKAGE },
      manifest: manifest({
        hasClosedComponents: true,
        description: 'SMS alerts go through a commercial gateway; any SMPP gateway such as Jasmin can replace it.',
      }),
      expect: [{ code: 'platform/closed-components-described', status: 'review' }],
    },
    {
      name: 'a closed package only needed for development is not flagged',
      files: { 'README.md': README, 'package.json': OPEN_PACKAGE, 'package-lock.json': packageLock('perf-dashboard', '2.3.0', 'BUSL-1.1', { dev: true }) },
      manifest: manifest({ hasClosedComponents: false }),
      expect: ['platform/no-closed-components'],
    },
    {
      name: 'a known proprietary package the manifest does not declare',
      files: { 'README.md': README, 'package.json': packageJson({ express: '^4.19.2', 'mapbox-gl': '^2.15.0' }) },
      manifest: manifest({ hasClosedComponents: false }),
      expect: [
        {
          code: 'platform/undeclared-proprietary-dependency',
          status: 'review',
          message: /^package\.json depends on mapbox-gl \^2\.15\.0: Mapbox GL JS 2\.0 and later \(.+\)\. Open alternatives: .*MapLibre/,
          evidence: [{ path: 'package.json', line: 7 }],
        },
      ],
    },
    {
      name: 'a lockfile records a run-time package under a source-available licence',
      files: { 'README.md': README, 'package.json': OPEN_PACKAGE, 'package-lock.json': packageLock('tile-cache-pro', '3.2.1', 'BUSL-1.1') },
      manifest: manifest({ hasClosedComponents: false }),
      expect: [
        {
          code: 'platform/restricted-dependency-license',
          message: 'package-lock.json locks tile-cache-pro 3.2.1 under BUSL-1.1.',
          evidence: [{ path: 'package-lock.json' }],
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'the manifest does not say',
      files: { 'README.md': README, 'package.json': OPEN_PACKAGE },
      manifest: manifest(),
      expect: [{ code: 'platform/not-declared', status: 'fail' }],
    },
    {
      name: 'closed components announced but none listed or described',
      files: { 'README.md': README, 'package.json': OPEN_PACKAGE },
      manifest: manifest({ hasClosedComponents: true }),
      expect: [{ code: 'platform/closed-components-unlisted', evidence: [{ path: 'dpg.yaml', line: 5 }] }],
    },
    {
      name: 'a mandatory closed component with no alternative',
      files: { 'README.md': README, 'package.json': packageJson({ express: '^4.19.2', twilio: '^5.0.0' }) },
      manifest: manifest({ hasClosedComponents: true, closedComponents: [{ name: 'twilio', mandatory: true }] }),
      expect: [{ code: 'platform/closed-without-alternative', message: 'twilio is a closed component with no open alternative.' }],
    },
  ],
});
