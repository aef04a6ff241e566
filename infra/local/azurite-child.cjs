// Runs Azurite's blob service inside this child process and exits when the local host that
// started it goes away (even after a SIGKILL, which leaves no chance to stop children).
const parent = process.ppid;
// Unref'd: the watch must not keep this process alive once Azurite has shut down on SIGTERM.
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 1000).unref();
process.argv = [process.argv[0], 'azurite-blob', ...process.argv.slice(2)];
require('azurite/dist/src/blob/main.js');
