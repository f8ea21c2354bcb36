import { describe, expect, it } from 'vitest';
import { declarationsFromFile, isDeclarationFile } from '../../src/licenses/declarations.js';

const file = (path: string, text: string) => ({ path, text, binary: false, truncated: false, size: text.length });
const read = (path: string, text: string) =>
  declarationsFromFile(file(path, text)).map(({ source, raw, expression, line, notes }) => ({ source, raw, expression, line, notes }));

describe('licence declarations of package manifests', () => {
  it('package.json: string, object and the old licenses array', () => {
    expect(read('package.json', '{\n  "name": "x",\n  "license": "GPL-3.0"\n}')).toEqual([
      {
        source: 'package.json',
        raw: 'GPL-3.0',
        expression: 'GPL-3.0-only',
        line: 3,
        notes: [
          'deprecated id GPL-3.0 does not say whether later versions are allowed: read as GPL-3.0-only (as SPDX defines it), and a licence text of GPL-3.0-or-later matches it as well',
        ],
      },
    ]);
    expect(read('package.json', '{"license": {"type": "MIT"}}')[0]?.expression).toBe('MIT');
    expect(read('package.json', '{"licenses": [{"type": "MIT"}, {"type": "Apache-2.0"}]}')[0]?.expression).toBe('MIT OR Apache-2.0');
  });

  it('pyproject.toml: PEP 639 expression, legacy table and Trove classifiers', () => {
    expect(read('pyproject.toml', '[project]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n')[0]).toMatchObject({ expression: 'MIT OR Apache-2.0', line: 3 });
    expect(read('pyproject.toml', '[project]\nlicense = { text = "BSD-3-Clause" }\n')[0]?.expression).toBe('BSD-3-Clause');
    expect(
      read('pyproject.toml', '[project]\nclassifiers = ["License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)"]\n')[0]?.expression,
    ).toBe('GPL-3.0-or-later');
    expect(read('pyproject.toml', '[tool.poetry]\nlicense = "Apache-2.0"\n')[0]?.expression).toBe('Apache-2.0');
  });

  it('setup.cfg, Cargo.toml, composer.json, gemspec, CITATION.cff, publiccode.yml and .csproj', () => {
    expect(read('setup.cfg', '[metadata]\nname = x\nlicense = MIT\n\n[options]\n')[0]).toMatchObject({ expression: 'MIT', line: 3 });
    expect(read('Cargo.toml', '[package]\nname = "x"\nlicense = "MIT/Apache-2.0"\n')[0]).toMatchObject({
      expression: 'MIT OR Apache-2.0',
      notes: ['"MIT/Apache-2.0" read as MIT OR Apache-2.0'],
    });
    expect(read('Cargo.toml', '[package]\nlicense = "MIT OR Apache-2.0"\n')[0]?.expression).toBe('MIT OR Apache-2.0');
    expect(read('composer.json', '{"license": ["LGPL-2.1-only", "GPL-3.0-or-later"]}')[0]?.expression).toBe('LGPL-2.1-only OR GPL-3.0-or-later');
    expect(read('x.gemspec', "Gem::Specification.new do |spec|\n  spec.licenses = ['MIT', 'Ruby']\nend\n")[0]).toMatchObject({
      expression: 'MIT OR Ruby',
      line: 2,
    });
    expect(read('CITATION.cff', 'cff-version: 1.2.0\nlicense: CC-BY-4.0\n')[0]).toMatchObject({ expression: 'CC-BY-4.0', line: 2 });
    expect(read('publiccode.yml', 'publiccodeYmlVersion: "0.4"\nlegal:\n  license: AGPL-3.0-or-later\n')[0]).toMatchObject({
      expression: 'AGPL-3.0-or-later',
      line: 3,
    });
    expect(
      read('App.csproj', '<Project><PropertyGroup><PackageLicenseExpression>Apache-2.0</PackageLicenseExpression></PropertyGroup></Project>')[0]?.expression,
    ).toBe('Apache-2.0');
  });

  it('pom.xml: by URL when the name is prose, several licences as a choice', () => {
    const pom =
      '<project>\n<licenses>\n<license><name>The Apache Software License, Version 2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license>\n<license><name>MIT</name></license>\n</licenses>\n</project>';
    expect(read('pom.xml', pom)[0]).toMatchObject({ expression: 'Apache-2.0 OR MIT', line: 2 });
  });

  it('R DESCRIPTION: CRAN names and "+ file LICENSE"', () => {
    expect(read('DESCRIPTION', 'Package: xyz\nLicense: MIT + file LICENSE\n')[0]).toMatchObject({ expression: 'MIT', line: 2 });
    expect(read('DESCRIPTION', 'Package: xyz\nLicense: GPL (>= 2)\n')[0]?.expression).toBe('GPL-2.0-or-later');
    expect(read('DESCRIPTION', 'Package: xyz\nLicense: GPL-2 | GPL-3\n')[0]?.expression).toBe('GPL-2.0-only OR GPL-3.0-only');
  });

  it('a malformed manifest declares nothing rather than failing', () => {
    expect(read('package.json', '{"license": ')).toEqual([]);
    expect(read('Cargo.toml', '[package\nlicense = ')).toEqual([]);
  });

  it('reads only root manifests, and a file named project._gemspec is not a gemspec', () => {
    expect(isDeclarationFile('package.json')).toBe(true);
    expect(isDeclarationFile('packages/a/package.json')).toBe(false);
    expect(isDeclarationFile('project._gemspec')).toBe(false);
    expect(isDeclarationFile('dpg.gemspec')).toBe(true);
  });
});
