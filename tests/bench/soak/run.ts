/**
 * `npm run soak`: fuzzes the detector for a fixed budget, builds the extension, then runs the
 * storm and the long session (the `soak` Vitest project), which write .bench/soak.md and .json.
 */
import { spawnSync } from 'node:child_process';

/** Fuzzing budget, in seconds. */
const FUZZ_SECONDS = 60;

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;

const fuzz = run('npx', ['vitest', 'run', '--project', 'unit', 'tests/unit/detect-fuzz.test.ts'], {
  ...process.env,
  CDT_FUZZ_MS: String(FUZZ_SECONDS * 1000),
});
const built = run('npx', ['wxt', 'build']);
if (built !== 0) process.exit(built);
const soak = run('npx', ['vitest', 'run', '--project', 'soak', '--silent=false'], {
  ...process.env,
  SOAK_FUZZ: `${fuzz === 0 ? 'passed' : 'failed'}:${FUZZ_SECONDS}`,
});
process.exit(fuzz || soak);
