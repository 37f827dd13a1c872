/**
 * Commands run in an exported student repository the way a student runs them: from a shell with
 * none of this run's socklab or jest variables, never rejecting, so that a test can say what failed.
 */
import execa from 'execa';

/**
 * The environment of a student's shell: none of this run's socklab or jest variables, nor those npm
 * sets for the script it runs. npm's configuration (`npm_config_*`, a registry set there say) stays.
 */
export function studentEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(socklab_|jest_|npm_(lifecycle|package)_|npm_command$|init_cwd$)/i.test(name)));
}

/** Run npm in `cwd`, as a student would; never rejects. */
export function studentNpm(args: readonly string[], cwd: string, timeout: number): Promise<execa.ExecaReturnValue> {
  return execa('npm', [...args], { cwd, env: studentEnv(), extendEnv: false, reject: false, all: true, timeout });
}

/** Run a command line with bash in `cwd`, as a student types it; never rejects. */
export function studentShell(line: string, cwd: string, timeout: number): Promise<execa.ExecaReturnValue> {
  return execa('bash', ['-c', line], { cwd, env: studentEnv(), extendEnv: false, reject: false, all: true, timeout });
}

/** `npm ci` in an exported repository, from the npm registry with its lockfile; a stalled network is cut off. */
export function studentNpmCi(cwd: string, timeout: number): Promise<execa.ExecaReturnValue> {
  return studentNpm(['ci', '--no-audit', '--no-fund', '--fetch-retries=1', '--fetch-timeout=60000'], cwd, timeout);
}

/** Why a command failed, with the end of its output. */
export function commandFailure(what: string, run: execa.ExecaReturnValue, hint = ''): Error {
  const how = run.timedOut ? 'was stopped at its time limit' : `exited with code ${run.exitCode}`;
  return new Error(`${what} ${how}${hint}\n${(run.all ?? '').slice(-3000)}`);
}
