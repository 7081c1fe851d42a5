/**
 * `npm run bench [-- --quick]`: builds the extension (the popup timing runs it in Chromium), then
 * runs the `bench` Vitest project, which writes .bench/report.md and .bench/report.json.
 */
import { spawnSync } from 'node:child_process';

const quick = process.argv.includes('--quick');
const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;

const built = run('npx', ['wxt', 'build']);
if (built !== 0) process.exit(built);
process.exit(
  run('npx', ['vitest', 'run', '--project', 'bench', '--silent=false'], {
    ...process.env,
    BENCH_QUICK: quick ? '1' : '0',
  }),
);
