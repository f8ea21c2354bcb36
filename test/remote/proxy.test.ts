/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY for the GitHub API: a CONNECT proxy on 127.0.0.1 stands
 * between the CLI and the fake GitHub, recording what it tunnels and the credentials it is given.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { type ConnectProxy, startProxy as startConnectProxy } from '../support/connect-proxy.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';

const TOKEN = 'ghp_proxyTestToken0000000000000000000';
const PROXY_PASSWORD = 'proxy-SENTINEL-7d1f0c';

let closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers) await close();
  closers = [];
});

async function startProxy(): Promise<ConnectProxy> {
  const proxy = await startConnectProxy();
  closers.push(proxy.close);
  return proxy;
}

async function fake(): Promise<FakeGitHub> {
  const server = await startFakeGitHub({ token: TOKEN });
  closers.push(() => server.close());
  return server;
}

function env(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(https?_proxy|no_proxy|github_token|gh_token|github_api_url|ci)$/i.test(name)),
  );
  return { ...clean, GITHUB_TOKEN: TOKEN, NO_COLOR: '1', ...extra };
}

describe('the GitHub API through a proxy', () => {
  it('HTTP_PROXY with credentials: every request is tunnelled, authenticated, and the password is never shown', async () => {
    const github = await fake();
    const proxy = await startProxy();
    const withCredentials = proxy.url.replace('http://', `http://user:${PROXY_PASSWORD}@`);
    const result = await runCli(['check', 'github:dpg/data-set', '--github-api-url', github.apiUrl, '--verbose', '--format', 'json'], {
      env: env({ HTTP_PROXY: withCredentials }),
    });
    expect(result.code).toBe(0);
    const host = new URL(github.apiUrl).host;
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([host]));
    expect(proxy.authorizations.every((value) => value === `Basic ${Buffer.from(`user:${PROXY_PASSWORD}`).toString('base64')}`)).toBe(true);
    expect(github.requests.length).toBeGreaterThan(0);
    expect(result.stderr).toMatch(/requests go through the proxy http:\/\/(user@)?127\.0\.0\.1:\d+/);
    expect(result.stdout + result.stderr).not.toContain(PROXY_PASSWORD);
  }, 30_000);

  it('NO_PROXY naming the host: requests go straight to it', async () => {
    const github = await fake();
    const proxy = await startProxy();
    const result = await runCli(['check', 'github:dpg/data-set', '--github-api-url', github.apiUrl, '--format', 'json'], {
      env: env({ http_proxy: proxy.url, no_proxy: 'localhost,127.0.0.1' }),
    });
    expect(result.code).toBe(0);
    expect(proxy.tunnels).toEqual([]);
    expect(github.requests.length).toBeGreaterThan(0);
  }, 30_000);

  it('a proxy that is down: exit 3, and the message names the proxy (without its password)', async () => {
    const github = await fake();
    const proxy = await startProxy();
    const down = proxy.url;
    proxy.close();
    const result = await runCli(['check', 'github:dpg/data-set', '--github-api-url', github.apiUrl, '--timeout', '5'], {
      env: env({ HTTP_PROXY: down.replace('http://', `http://user:${PROXY_PASSWORD}@`) }),
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/with the proxy http:\/\/(user@)?127\.0\.0\.1:\d+\/? set/);
    expect(result.stderr).not.toContain(PROXY_PASSWORD);
    expect(github.requests).toEqual([]);
  }, 30_000);

  it('a malformed HTTP_PROXY for an http:// API is a usage error (exit 2) before any request, without its value', async () => {
    const github = await fake();
    // A password holding "/" defeats any redaction of a URL that does not parse: nothing of it is shown.
    const result = await runCli(['check', 'github:dpg/data-set', '--github-api-url', github.apiUrl], {
      env: env({ HTTP_PROXY: `http://bob:se/${PROXY_PASSWORD}@proxy:3128` }),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^dpg-check: HTTP_PROXY is not a valid proxy URL \(its value is not shown/);
    expect(result.stderr).not.toContain(PROXY_PASSWORD);
    expect(github.requests).toEqual([]);
  }, 30_000);

  it('a malformed proxy variable that the API would not use is left alone', async () => {
    const github = await fake();
    // The fake API is http://, so HTTPS_PROXY plays no part (and SOCKS is a form curl accepts).
    const result = await runCli(['check', 'github:dpg/data-set', '--github-api-url', github.apiUrl, '--format', 'json'], {
      env: env({ HTTPS_PROXY: 'socks5://127.0.0.1:1080' }),
    });
    expect(result.code).toBe(0);
  }, 30_000);
});
