import { parse as parseToml } from 'smol-toml';
import { isRecord } from '../convert/answers.js';

/**
 * What a package manifest at the repository root says about the project itself: its name, a short
 * description and its web addresses. Each reader takes the file as written and never throws; a value
 * that is not plain text (a `${property}`, `name.workspace = true`) is left out.
 */
export interface PackageMetadata {
  /** The file it was read from, as init names it in its notes. */
  file: string;
  name?: string | undefined;
  description?: string | undefined;
  homepage?: string | undefined;
  repository?: string | undefined;
  documentation?: string | undefined;
}

/**
 * The root files read, in the order their names are preferred: the language's own package manifest
 * first; package.json last, because beside another manifest it is most often front-end tooling or
 * documentation scripts (a Laravel app's, a Python project's docs site) rather than the project.
 */
export const PACKAGE_FILES = ['pyproject.toml', 'setup.cfg', 'Cargo.toml', 'DESCRIPTION', 'pom.xml', 'composer.json', 'package.json'] as const;

type Reader = (text: string) => Omit<PackageMetadata, 'file'>;

const READERS: Record<(typeof PACKAGE_FILES)[number], Reader> = {
  'pyproject.toml': readPyproject,
  'setup.cfg': readSetupCfg,
  'Cargo.toml': readCargo,
  DESCRIPTION: readRDescription,
  'pom.xml': readPom,
  'composer.json': readComposer,
  'package.json': readPackageJson,
};

/** The metadata of every package manifest among `texts` (path -> text), in PACKAGE_FILES order. */
export function readPackageMetadata(texts: Readonly<Record<string, string>>): PackageMetadata[] {
  const found: PackageMetadata[] = [];
  for (const file of PACKAGE_FILES) {
    const text = texts[file];
    if (text === undefined) continue;
    let read: Omit<PackageMetadata, 'file'>;
    try {
      read = READERS[file](text);
    } catch {
      continue;
    }
    const clean = Object.fromEntries(
      Object.entries(read)
        .filter(([, value]) => typeof value === 'string' && value.trim() !== '' && !value.includes('${'))
        .map(([key, value]) => [key, (value as string).replace(/\s+/g, ' ').trim()]),
    );
    if (Object.keys(clean).length > 0) found.push({ file, ...clean });
  }
  return found;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The web addresses of a `[project.urls]`-style table, whose keys are free text: "Homepage",
 * "Source Code", "Bug Tracker". Keys are compared as PyPI does (case, spaces, `-` and `_` ignored).
 */
function fromUrlTable(urls: unknown): Pick<PackageMetadata, 'homepage' | 'repository' | 'documentation'> {
  if (!isRecord(urls)) return {};
  const byKey = new Map<string, string>();
  for (const [key, value] of Object.entries(urls)) if (typeof value === 'string') byKey.set(key.toLowerCase().replace(/[^a-z0-9]/g, ''), value);
  const first = (...keys: string[]): string | undefined => keys.map((key) => byKey.get(key)).find((value) => value !== undefined);
  return {
    homepage: first('homepage', 'home', 'website', 'homepageurl'),
    repository: first('repository', 'source', 'sourcecode', 'code', 'repo', 'github', 'gitlab'),
    documentation: first('documentation', 'docs', 'doc'),
  };
}

function readPyproject(input: string): Omit<PackageMetadata, 'file'> {
  const toml = parseToml(input);
  const project = isRecord(toml.project) ? toml.project : {};
  const tool = isRecord(toml.tool) ? toml.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  const projectUrls = fromUrlTable(project.urls);
  const poetryUrls = fromUrlTable(poetry.urls);
  return {
    name: text(project.name) ?? text(poetry.name),
    description: text(project.description) ?? text(poetry.description),
    homepage: projectUrls.homepage ?? text(poetry.homepage) ?? poetryUrls.homepage,
    repository: projectUrls.repository ?? text(poetry.repository) ?? poetryUrls.repository,
    documentation: projectUrls.documentation ?? text(poetry.documentation) ?? poetryUrls.documentation,
  };
}

function readCargo(input: string): Omit<PackageMetadata, 'file'> {
  const toml = parseToml(input);
  const pkg = isRecord(toml.package) ? toml.package : {};
  return {
    name: text(pkg.name),
    description: text(pkg.description),
    homepage: text(pkg.homepage),
    repository: text(pkg.repository),
    documentation: text(pkg.documentation),
  };
}

/** A code host's address is the repository, any other the website (setup.cfg's `url`, DESCRIPTION's `URL`). */
const CODE_HOST = /^https?:\/\/(www\.)?(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|sr\.ht|git\.sr\.ht)\//i;

/** setup.cfg's [metadata]: `key = value` lines; `project_urls` continues on indented lines. Read line by line. */
function readSetupCfg(input: string): Omit<PackageMetadata, 'file'> {
  const values = new Map<string, string>();
  const projectUrls: Record<string, string> = {};
  let section = '';
  let continuing: string | undefined;
  for (const raw of input.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (/^\[/.test(line)) {
      section = line
        .slice(1, line.indexOf(']') > 0 ? line.indexOf(']') : undefined)
        .trim()
        .toLowerCase();
      continuing = undefined;
      continue;
    }
    if (section !== 'metadata' || line.trim() === '' || /^\s*[#;]/.test(line)) continue;
    if (/^\s/.test(line)) {
      // A continuation line: `Source = https://...` under project_urls.
      if (continuing === 'project_urls') {
        const at = line.indexOf('=');
        if (at > 0) projectUrls[line.slice(0, at).trim()] = line.slice(at + 1).trim();
      }
      continue;
    }
    const at = line.search(/[=:]/);
    if (at <= 0) continue;
    const key = line.slice(0, at).trim().toLowerCase().replace(/-/g, '_');
    const value = line.slice(at + 1).trim();
    continuing = key;
    if (value !== '') values.set(key, value);
  }
  const urls = fromUrlTable(projectUrls);
  const url = values.get('url') ?? values.get('home_page');
  const urlIsRepository = url !== undefined && CODE_HOST.test(url);
  const description = values.get('description');
  return {
    name: values.get('name'),
    // `description = file: README.md` points at a file: no description.
    description: description && !/^file:/.test(description) ? description : undefined,
    homepage: urls.homepage ?? (urlIsRepository ? undefined : url),
    repository: urls.repository ?? (urlIsRepository ? url : undefined),
    documentation: urls.documentation,
  };
}

/** R's DESCRIPTION (Debian control format): `Field: value`, continued on indented lines. */
function readRDescription(input: string): Omit<PackageMetadata, 'file'> {
  const fields = new Map<string, string>();
  let current: string | undefined;
  for (const line of input.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && current !== undefined) {
      fields.set(current, `${fields.get(current) ?? ''} ${line.trim()}`);
      continue;
    }
    const at = line.indexOf(':');
    if (at <= 0 || /\s/.test(line.slice(0, at))) {
      current = undefined;
      continue;
    }
    current = line.slice(0, at);
    fields.set(current, line.slice(at + 1).trim());
  }
  const urls = (fields.get('URL') ?? '').split(/[\s,]+/).filter((url) => /^https?:\/\//i.test(url));
  return {
    name: fields.get('Package'),
    description: fields.get('Title'),
    repository: urls.find((url) => CODE_HOST.test(url)),
    homepage: urls.find((url) => !CODE_HOST.test(url)),
  };
}

function readComposer(input: string): Omit<PackageMetadata, 'file'> {
  const json = JSON.parse(input) as unknown;
  if (!isRecord(json)) return {};
  const support = isRecord(json.support) ? json.support : {};
  // "vendor/package": the vendor is who publishes it, the package is the project.
  const name = text(json.name);
  return {
    name: name?.includes('/') ? name.slice(name.indexOf('/') + 1) : name,
    description: text(json.description),
    homepage: text(json.homepage),
    repository: text(support.source),
    documentation: text(support.docs),
  };
}

function readPackageJson(input: string): Omit<PackageMetadata, 'file'> {
  const json = JSON.parse(input) as unknown;
  if (!isRecord(json)) return {};
  const repository = json.repository;
  const name = text(json.name);
  return {
    // "@scope/name": the scope is the publisher's namespace, not part of the project's name.
    name: name?.replace(/^@[^/]+\//, ''),
    description: text(json.description),
    homepage: text(json.homepage),
    repository: typeof repository === 'string' ? repository : isRecord(repository) ? text(repository.url) : undefined,
  };
}

/**
 * pom.xml: the project's own `<name>` (else `<artifactId>`), `<description>`, `<url>` and `<scm><url>`,
 * never those of `<parent>`, dependencies, plugins or developers. One pass over the tags with a stack
 * of open elements: linear in the file's length.
 */
function readPom(input: string): Omit<PackageMetadata, 'file'> {
  const wanted = new Set(['project/name', 'project/artifactId', 'project/description', 'project/url', 'project/scm/url']);
  const found = new Map<string, string>();
  const stack: string[] = [];
  let textStart = -1;
  let position = 0;
  while (position < input.length) {
    const open = input.indexOf('<', position);
    if (open < 0) break;
    if (input.startsWith('<!--', open)) {
      const end = input.indexOf('-->', open + 4);
      position = end < 0 ? input.length : end + 3;
      continue;
    }
    if (input.startsWith('<![CDATA[', open)) {
      const end = input.indexOf(']]>', open + 9);
      position = end < 0 ? input.length : end + 3;
      continue;
    }
    const close = input.indexOf('>', open + 1);
    if (close < 0) break;
    const tag = input.slice(open + 1, close);
    position = close + 1;
    if (tag.startsWith('?') || tag.startsWith('!')) continue;
    if (tag.startsWith('/')) {
      const path = stack.join('/');
      if (wanted.has(path) && !found.has(path) && textStart >= 0) found.set(path, decodeXml(input.slice(textStart, open)));
      stack.pop();
      textStart = -1;
      continue;
    }
    const name = (tag.split(/[\s/]/, 1)[0] ?? '').replace(/^[\w-]+:/, '');
    if (tag.endsWith('/')) continue;
    stack.push(name);
    textStart = position;
    // Nothing deeper than <project><scm><url> is wanted: a deep file is not walked further than needed.
    if (stack.length > 64) break;
  }
  return {
    name: found.get('project/name') || found.get('project/artifactId'),
    description: found.get('project/description'),
    homepage: found.get('project/url'),
    repository: found.get('project/scm/url'),
  };
}

function decodeXml(value: string): string {
  const unwrapped = value.startsWith('<![CDATA[') && value.endsWith(']]>') ? value.slice(9, -3) : value;
  if (unwrapped.includes('<')) return '';
  return unwrapped
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}
