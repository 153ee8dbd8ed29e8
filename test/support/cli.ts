/** Test helpers shared by the CLI-level tests: run the real `ddor` binary, find a closed port. */
import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/ddor.js ...args` from the project root; never throws on a non-zero exit. */
export async function runCli(...args: string[]): Promise<CliResult> {
  return runCliWith({}, ...args);
}

/** runCli with extra environment variables (e.g. GITHUB_STEP_SUMMARY) and a time limit. */
export async function runCliWith(options: { env?: Record<string, string>; timeoutMs?: number }, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run('node', ['bin/ddor.js', ...args], {
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, ...options.env },
      timeout: options.timeoutMs ?? 0,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A port that was just free: connecting to it is refused, like a host that is down. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
