/**
 * HTTP(S) proxies for the GitHub API, read from the environment as curl and git read them:
 * HTTPS_PROXY / https_proxy, HTTP_PROXY / http_proxy, NO_PROXY / no_proxy. Node 20's own fetch
 * ignores them, so when one is set requests go through undici's EnvHttpProxyAgent (loaded only
 * then). git reads the same variables itself, so clones need nothing here.
 */
import { UsageError } from '../errors.js';
import { redactUrl } from './targets.js';

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

/** The proxy variables that are set (lower case wins, as in curl); undefined when none is. */
export function proxySettings(env: NodeJS.ProcessEnv = process.env): ProxySettings | undefined {
  const pick = (name: string): string | undefined => (env[name.toLowerCase()] || env[name.toUpperCase()] || '').trim() || undefined;
  const httpProxy = pick('http_proxy');
  const httpsProxy = pick('https_proxy');
  if (!httpProxy && !httpsProxy) return undefined;
  const noProxy = pick('no_proxy');
  for (const [name, value] of [['HTTPS_PROXY', httpsProxy], ['HTTP_PROXY', httpProxy]] as const) {
    if (value === undefined) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new UsageError(`${name} is not a valid proxy URL: ${redactUrl(value)}`, 'Give it as http://HOST:PORT (or http://USER:PASSWORD@HOST:PORT).');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${name} must be an http:// or https:// proxy URL, not ${url.protocol}//…`);
  }
  return { ...(httpProxy ? { httpProxy } : {}), ...(httpsProxy ? { httpsProxy } : {}), ...(noProxy ? { noProxy } : {}) };
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
    const dispatcher = new EnvHttpProxyAgent({ ...settings });
    return ((input: Parameters<typeof fetch>[0], init?: RequestInit) => undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
  });
  return proxiedFetch;
}
