import { main } from './main';

// When the program reading the output stops early (`tcs-admin certs list | head -1`),
// the next write fails with EPIPE. The reader has all it wanted, so the command ends
// at once, successfully and without a word, as `ls | head` does. A closed stderr is
// ignored: what matters still goes to stdout. Any other write error stays fatal.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await main(process.argv.slice(2), { json: false, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
