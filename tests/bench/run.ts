/** `npm run bench [-- --quick]`: runs the `bench` Vitest project, which writes .bench/report.md. */
import { spawnSync } from 'node:child_process';

const quick = process.argv.includes('--quick');
const result = spawnSync('npx', ['vitest', 'run', '--project', 'bench', '--silent=false'], {
  stdio: 'inherit',
  env: { ...process.env, BENCH_QUICK: quick ? '1' : '0' },
});
process.exit(result.status ?? 1);
