import { defineCodes, type DraftOf } from '../findings.js';
import { answerQuality, excerpt, manifestEvidence } from './helpers.js';
import { findProprietaryDependencies } from './proprietary-components.js';
import { STANDARD_URL, type IndicatorModule } from './types.js';

const codes = defineCodes({
  'platform/no-closed-components': {
    status: 'pass',
    title: 'No closed components',
    description: 'The project declares no closed component, and none known was found in its dependencies.',
    message: 'Declares no closed components; none known were found in {count} dependencies.',
  },
  'platform/closed-with-alternatives': {
    status: 'pass',
    title: 'Closed component with open alternatives',
    description: 'A closed component is declared with open alternatives that can replace it.',
    message: '{name} is closed; open alternatives: {alternatives}.',
  },
  'platform/closed-optional': {
    status: 'pass',
    title: 'Optional closed component',
    description:
      'The Standard asks for open alternatives to MANDATORY closed dependencies; a closed component the solution runs without creates no proprietary dependency.',
    message: '{name} is closed but not mandatory: the solution runs without it.',
  },
  'platform/not-declared': {
    unanswered: true,
    status: 'fail',
    title: 'Closed components not declared',
    description: 'The application asks whether the solution uses closed components that create a proprietary dependency.',
    message: 'The manifest does not say whether the solution depends on closed components.',
    fix: 'Add `platformIndependence: { hasClosedComponents: false }`, or list `closedComponents` with their open alternatives.',
  },
  'platform/closed-components-unlisted': {
    status: 'fail',
    title: 'Closed components not listed',
    description: 'A project that has closed components must name them and their open alternatives.',
    message: '`hasClosedComponents` is true, but no closed component is listed.',
    fix: 'List each closed component under `platformIndependence.closedComponents` with `openAlternatives`.',
  },
  'platform/closed-components-described': {
    status: 'review',
    title: 'Closed components described in words',
    description:
      'The application says there are closed components and describes them (and their alternatives) in free text instead of listing them: which are mandatory, and whether each has a functional open alternative, is for a reviewer to read.',
    message: '`hasClosedComponents` is true and the components are described, not listed: "{text}".',
    question: 'Which closed components are mandatory, and can each be replaced by an open alternative without significant changes to the core product?',
    fix: 'List each closed component under `platformIndependence.closedComponents` with `mandatory` and `openAlternatives`.',
  },
  'platform/closed-without-alternative': {
    status: 'fail',
    title: 'Closed component without open alternative',
    description: 'A mandatory closed component needs a functional open alternative that can replace it without significant changes.',
    message: '{name} is a closed component with no open alternative.',
    fix: 'Name the open alternatives for {name} under `openAlternatives` and describe how to switch under `replacement`.',
  },
  'platform/restricted-dependency-license': {
    status: 'review',
    title: 'Dependency under a restrictive licence',
    description:
      'A lockfile records a package the solution needs at run time under a licence that restricts use more than an open licence (source-available such as SSPL, BUSL, Elastic or Commons Clause; non-commercial or no-derivatives Creative Commons; proprietary). If it is mandatory, it is a closed component that needs an open alternative.',
    message: '{path} locks {dependency} {?version:{version}|(any version)} under {license}.',
    question:
      'Is {dependency} mandatory for the solution? Its licence ({license}) restricts use: can it be replaced by an open alternative without significant changes?',
    fix: 'Replace {dependency} with an openly licensed package, or declare it under `platformIndependence.closedComponents` with its open alternatives.',
  },
  'platform/undeclared-proprietary-dependency': {
    status: 'review',
    title: 'Known closed component in the dependencies',
    description: 'The dependency manifests name a component known to be proprietary or source-available that the manifest does not declare.',
    message: '{path} depends on {dependency} {?version:{version}|(any version)}: {component} ({license}). Open alternatives: {alternatives}.',
    question:
      'Is {dependency} mandatory? If so, can it be replaced by {alternatives} without significant changes? Declare it under `platformIndependence.closedComponents`.',
    fix: 'Declare {dependency} under `platformIndependence.closedComponents` with its open alternatives, or replace it.',
  },
});

/** A finding of this indicator: one of its codes, with the arguments its templates name. */
type Draft = DraftOf<typeof codes>;

export const platformIndicator: IndicatorModule = {
  meta: {
    id: '4',
    title: 'Platform independence',
    requirement:
      'When the digital public good has mandatory dependencies that create more restrictions than the original licence, proving independence from the closed component(s) and/or indicating the existence of functional, open alternatives that can be used without significant changes to the core product is required.',
    url: STANDARD_URL,
  },
  codes,
  check(facts) {
    const findings: Draft[] = [];
    const declared = facts.manifest?.data?.platformIndependence;
    const components = declared?.closedComponents ?? [];
    if (declared?.hasClosedComponents === undefined && components.length === 0) {
      findings.push({ code: 'platform/not-declared', evidence: manifestEvidence(facts, '') });
    } else if (declared?.hasClosedComponents === true && components.length === 0) {
      const described = answerQuality(declared.description, 4);
      if (described === 'ok' || described === 'brief')
        findings.push({
          code: 'platform/closed-components-described',
          args: { text: excerpt(declared.description as string, 160) },
          evidence: manifestEvidence(facts, '/platformIndependence'),
        });
      else findings.push({ code: 'platform/closed-components-unlisted', evidence: manifestEvidence(facts, '/platformIndependence/hasClosedComponents') });
    }
    components.forEach((component, index) => {
      const alternatives = component.openAlternatives ?? [];
      const evidence = manifestEvidence(facts, `/platformIndependence/closedComponents/${index}`);
      if (alternatives.length === 0 && component.mandatory === false)
        findings.push({ code: 'platform/closed-optional', args: { name: component.name }, evidence });
      else if (alternatives.length === 0) findings.push({ code: 'platform/closed-without-alternative', args: { name: component.name }, evidence });
      else findings.push({ code: 'platform/closed-with-alternatives', args: { name: component.name, alternatives }, evidence });
    });

    const declaredNames = new Set(components.map((component) => component.name.toLowerCase()));
    const matches = findProprietaryDependencies(facts.dependencies);
    for (const { dependency, component } of matches) {
      const names = [dependency.name, component.name, component.id].map((name) => name.toLowerCase());
      if (names.some((name) => declaredNames.has(name))) continue;
      const alternatives = component.alternatives.map((alternative) => alternative.name);
      findings.push({
        code: 'platform/undeclared-proprietary-dependency',
        args: {
          path: dependency.path,
          dependency: dependency.name,
          version: dependency.version,
          component: component.name,
          license: component.license,
          alternatives,
        },
        evidence: [
          { path: dependency.path, ...(dependency.line !== undefined ? { line: dependency.line } : {}), note: component.reason },
          { url: component.source },
        ],
      });
    }
    for (const dependency of facts.dependencies) {
      if (!dependency.runtime || !dependency.license || names(dependency).some((name) => declaredNames.has(name))) continue;
      findings.push({
        code: 'platform/restricted-dependency-license',
        args: { path: dependency.path, dependency: dependency.name, version: dependency.version, license: dependency.license },
        evidence: [{ path: dependency.path, ...(dependency.line !== undefined ? { line: dependency.line } : {}) }],
      });
    }
    if (
      declared?.hasClosedComponents === false &&
      components.length === 0 &&
      !findings.some((finding) => finding.code === 'platform/undeclared-proprietary-dependency' || finding.code === 'platform/restricted-dependency-license')
    ) {
      findings.push({
        code: 'platform/no-closed-components',
        args: { count: facts.dependencies.length },
        evidence: manifestEvidence(facts, '/platformIndependence/hasClosedComponents'),
      });
    }
    return findings;
  },
};

/** The names a declared closed component may use for a package: as written, and without an npm scope. */
function names(dependency: { name: string }): string[] {
  const name = dependency.name.toLowerCase();
  return [name, name.replace(/^@[^/]+\//, '')];
}
