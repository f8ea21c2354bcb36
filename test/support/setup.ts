/**
 * Runs before every test file. The tests talk to servers on 127.0.0.1 (a fake GitHub, git hosts);
 * a proxy set on the machine that runs them (HTTPS_PROXY without NO_PROXY for the loopback) would
 * route those requests away. The tests that are about proxies set their own.
 */
for (const name of Object.keys(process.env)) {
  if (/^(https?_proxy|all_proxy|no_proxy)$/i.test(name)) delete process.env[name];
}
