import { main } from './main';

process.exitCode = await main(process.argv.slice(2), { json: false, stdout: process.stdout, stderr: process.stderr });
