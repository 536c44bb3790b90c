// Finds the command that starts `rolint lsp`. No `vscode` import here, so the
// unit tests can run this with plain Node and a fake file system.
import * as path from 'path';

export interface ResolveInput {
  /** The `rolint.path` setting ('' when unset). */
  rolintPath: string;
  /** The `rolint.python` setting ('' when unset). */
  python: string;
  /** File-system paths of the open workspace folders, first one first. */
  workspaceFolders: string[];
  /** False in an untrusted workspace: then no program from the workspace's venv is run. */
  trustWorkspace: boolean;
  /** The PATH the extension host sees. */
  envPath: string;
  platform: NodeJS.Platform;
  homeDir: string;
  /** True when the path names an executable file (injected for the tests). */
  isExecutable: (file: string) => boolean;
}

export type Origin = 'setting-path' | 'setting-python' | 'venv' | 'PATH';

export type Resolution =
  | { found: true; command: string; args: string[]; origin: Origin }
  | { found: false; reason: string };

const LSP_ARGS = ['lsp'];
const PYTHON_ARGS = ['-m', 'rolint', 'lsp'];

/** Order: rolint.path → rolint.python → workspace venv (if trusted) → `rolint` on PATH → missing. */
export function resolveServerCommand(input: ResolveInput): Resolution {
  if (input.rolintPath.trim()) {
    return fromSetting(input, input.rolintPath, 'rolint.path', LSP_ARGS, 'setting-path');
  }
  if (input.python.trim()) {
    return fromSetting(input, input.python, 'rolint.python', PYTHON_ARGS, 'setting-python');
  }
  const venv = input.trustWorkspace ? findInVenv(input) : undefined;
  if (venv) {
    return venv;
  }
  const onPath = searchPath(input, 'rolint');
  if (onPath) {
    return { found: true, command: onPath, args: LSP_ARGS, origin: 'PATH' };
  }
  return {
    found: false,
    reason:
      'rolint nu este instalat: nu l-am găsit în setările rolint.path / rolint.python, ' +
      'într-un mediu virtual (.venv, venv) al spațiului de lucru, nici în PATH.',
  };
}

// A configured path that does not exist is reported, not skipped: silently falling
// back to another rolint would hide the user's mistake.
function fromSetting(
  input: ResolveInput,
  value: string,
  setting: string,
  args: string[],
  origin: Origin,
): Resolution {
  const p = pathApi(input.platform);
  const expanded = expandPath(input, value.trim());
  const hasDir = expanded.includes('/') || (input.platform === 'win32' && expanded.includes('\\'));
  const command = hasDir ? expanded : searchPath(input, expanded);
  if (command && input.isExecutable(command)) {
    return { found: true, command, args, origin };
  }
  const shown = hasDir ? p.normalize(expanded) : expanded;
  return { found: false, reason: `Setarea ${setting} indică „${shown}”, dar acest program nu există.` };
}

/** ~ and ${workspaceFolder} expand; a relative path with a directory is taken from the first folder. */
export function expandPath(input: ResolveInput, value: string): string {
  const p = pathApi(input.platform);
  const folder = input.workspaceFolders[0] ?? '';
  let out = value.replace(/\$\{workspaceFolder\}/g, folder);
  if (out === '~' || out.startsWith('~/')) {
    out = input.homeDir + out.slice(1);
  }
  const hasDir = out.includes('/') || (input.platform === 'win32' && out.includes('\\'));
  if (hasDir && !p.isAbsolute(out) && folder) {
    out = p.join(folder, out);
  }
  return out;
}

function findInVenv(input: ResolveInput): Resolution | undefined {
  const p = pathApi(input.platform);
  const win = input.platform === 'win32';
  const binDir = win ? 'Scripts' : 'bin';
  for (const folder of input.workspaceFolders) {
    for (const venv of ['.venv', 'venv']) {
      const rolint = p.join(folder, venv, binDir, win ? 'rolint.exe' : 'rolint');
      if (input.isExecutable(rolint)) {
        return { found: true, command: rolint, args: LSP_ARGS, origin: 'venv' };
      }
      const python = p.join(folder, venv, binDir, win ? 'python.exe' : 'python');
      if (input.isExecutable(python)) {
        return { found: true, command: python, args: PYTHON_ARGS, origin: 'venv' };
      }
    }
  }
  return undefined;
}

/** Like `which`: the first executable called `name` in the PATH entries. */
export function searchPath(input: ResolveInput, name: string): string | undefined {
  const p = pathApi(input.platform);
  const win = input.platform === 'win32';
  const names = win && !/\.[a-z]+$/i.test(name) ? [`${name}.exe`, `${name}.cmd`, name] : [name];
  for (const dir of input.envPath.split(win ? ';' : ':')) {
    if (!dir) {
      continue;
    }
    for (const n of names) {
      const candidate = p.join(dir, n);
      if (input.isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** One line for the log: what runs and why this one was chosen. */
export function describe(resolution: Resolution): string {
  if (!resolution.found) {
    return resolution.reason;
  }
  const why: Record<Origin, string> = {
    'setting-path': 'din setarea rolint.path',
    'setting-python': 'din setarea rolint.python',
    venv: 'din mediul virtual al spațiului de lucru',
    PATH: 'din PATH',
  };
  return `${[resolution.command, ...resolution.args].join(' ')} (${why[resolution.origin]})`;
}
