import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Like `which`: the first executable file named `name` in PATH (with PATHEXT suffixes on Windows). */
export function findExecutableOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter((d) => d !== '');
  const suffixes = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((s) => s.toLowerCase())] : [''];
  for (const dir of dirs) {
    for (const suffix of suffixes) {
      const candidate = join(dir, name + suffix);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not there or not executable: keep looking, as a shell would.
      }
    }
  }
  return undefined;
}
