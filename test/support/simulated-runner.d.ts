// Types of simulated-runner.js, which bench/startup.js (plain JavaScript) shares with the tests.
export function makeActionCheckout(folder: string): string;
export function runActionSteps(
  checkout: string,
  inputs: Record<string, string>,
  env: Record<string, string | undefined>,
): Promise<{ code: number; stdout: string; stderr: string }>;
