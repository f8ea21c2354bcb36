// Preloaded with `node --require` by the benchmarks: reports the process's peak RSS on fd 3 at exit,
// so the figure is the program's own, without a `time` binary.
const { writeSync } = require('node:fs');
process.on('exit', () => {
  try {
    writeSync(3, `${process.resourceUsage().maxRSS}\n`);
  } catch {
    // fd 3 not open: run outside the benchmark; nothing to report.
  }
});
