/**
 * HTTP(S) proxies for the GitHub API, read from the environment: HTTPS_PROXY / https_proxy for an
 * https API (else HTTP_PROXY, as undici and Node read them), HTTP_PROXY / http_proxy for an http one,
 * NO_PROXY / no_proxy for hosts reached directly. Node 20's own fetch ignores them, so when one is
 * set requests go through undici's EnvHttpProxyAgent (loaded only then). git reads the same
 * variables itself, so clones need nothing here.
 */
import { UsageError } from '../errors.js';
import { redactUrl } from './targets.js';

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

/**
 * The proxy variables that are set (lower case wins, as in curl), or undefined when none is. Only the
 * variable that requests to `apiUrl` would use is checked: a malformed one is a usage error, and its
 * value is never repeated (it may hold a password that no redaction of a malformed URL can find).
 */
export function proxySettings(apiUrl: string, env: NodeJS.ProcessEnv = process.env): ProxySettings | undefined {
  const pick = (name: string): string | undefined => (env[name.toLowerCase()] || env[name.toUpperCase()] || '').trim() || undefined;
  const httpProxy = pick('http_proxy');
  const httpsProxy = pick('https_proxy');
  if (!httpProxy && !httpsProxy) return undefined;
  const noProxy = pick('no_proxy');
  const secure = apiUrl.startsWith('https:');
  const [name, used] = secure ? (httpsProxy ? ['HTTPS_PROXY', httpsProxy] : ['HTTP_PROXY', httpProxy]) : ['HTTP_PROXY', httpProxy];
  if (used !== undefined) {
    const protocol = protocolOf(used);
    if (protocol === undefined)
      throw new UsageError(
        `${name} is not a valid proxy URL (its value is not shown: it may hold a password).`,
        'Give it as http://HOST:PORT (or http://USER:PASSWORD@HOST:PORT).',
      );
    if (!HTTP_PROTOCOLS.has(protocol))
      throw new UsageError(`${name} must be an http:// or https:// proxy URL, not ${protocol}//… (SOCKS proxies are not supported).`);
  }
  // The other variable is passed on only when it is a proxy undici can use.
  const usable = (value: string | undefined): value is string => value !== undefined && HTTP_PROTOCOLS.has(protocolOf(value) ?? '');
  return { ...(usable(httpProxy) ? { httpProxy } : {}), ...(usable(httpsProxy) ? { httpsProxy } : {}), ...(noProxy ? { noProxy } : {}) };
}

const HTTP_PROTOCOLS = new Set(['http:', 'https:']);

function protocolOf(url: string): string | undefined {
  try {
    return new URL(url).protocol;
  } catch {
    return undefined;
  }
}

/** The proxy requests to `apiUrl` would use, credentials removed (NO_PROXY is left to undici). */
export function proxyShown(apiUrl: string, settings: ProxySettings): string | undefined {
  const proxy = apiUrl.startsWith('https:') ? (settings.httpsProxy ?? settings.httpProxy) : settings.httpProxy;
  return proxy ? redactUrl(proxy) : undefined;
}

let proxiedFetch: Promise<typeof fetch> | undefined;

/** fetch, through the environment's proxy when one is set. */
export function fetchThroughProxy(settings: ProxySettings | undefined): Promise<typeof fetch> {
  if (!settings) return Promise.resolve(fetch);
  proxiedFetch ??= import('undici').then(({ EnvHttpProxyAgent, fetch: undiciFetch }) => {
    // Every value given (empty for none), so that undici does not read the environment again.
    const dispatcher = new EnvHttpProxyAgent({ httpProxy: settings.httpProxy ?? '', httpsProxy: settings.httpsProxy ?? '', noProxy: settings.noProxy ?? '' });
    return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
      undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
  });
  return proxiedFetch;
}
