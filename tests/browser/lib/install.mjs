// Installs the tidings package into example projects the way a user does:
// `npm pack` of pkg/ to a tarball, then `npm install --no-save <tarball>` in the
// example. A reinstall is skipped when the installed copy already holds exactly
// the tarball's files (compared byte for byte), so reruns stay fast.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Runs a command; resolves to { code, stdout, stderr } (never rejects on exit codes). */
export function run(command, args, { cwd, env = process.env, timeoutMs = 300_000 } = {}) {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      const quiet = !String(stdout).trim() && !String(stderr).trim();
      resolve({ code, stdout: String(stdout), stderr: quiet && error ? error.message : String(stderr) });
    });
  });
}

/** Runs a command and throws with its output when it fails. */
export async function runOk(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${command} ${args.join(' ')} exited with ${result.code}:\n${tail}`);
  }
  return result;
}

/** The files of a .tgz made by `npm pack`: Map of path inside the package -> bytes. */
export function readTarball(file) {
  const tar = gunzipSync(readFileSync(file));
  const files = new Map();
  let offset = 0;
  let longName = null;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start, length) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const prefix = field(345, 155);
    let name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = null;
    const body = tar.subarray(offset + 512, offset + 512 + size);
    if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else if (type === '0' || type === '\0') {
      name = name.replace(/^package\//, '');
      files.set(name, Buffer.from(body));
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** Packs `pkgDir` into `destDir`; resolves to the tarball's absolute path and its files. */
export async function packPackage(pkgDir, destDir) {
  mkdirSync(destDir, { recursive: true });
  const { stdout } = await runOk('npm', ['pack', '--json', '--loglevel=error', '--pack-destination', destDir], { cwd: pkgDir });
  const [info] = JSON.parse(stdout.slice(stdout.indexOf('[')));
  const tarball = join(destDir, info.filename);
  return { tarball, files: readTarball(tarball), info };
}

/** True when `dir/node_modules/tidings` holds exactly the tarball's files. */
export function installedMatches(dir, files) {
  const installed = join(dir, 'node_modules', 'tidings');
  for (const [name, bytes] of files) {
    const path = join(installed, name);
    if (!existsSync(path) || !readFileSync(path).equals(bytes)) return false;
  }
  return true;
}

/**
 * Makes sure the example's own dependencies (package.json) are installed, then
 * the tidings tarball. Returns what was done, for the log.
 */
export async function installExample(dir, { tarball, files }) {
  const done = [];
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const deps = { ...manifest.dependencies, ...manifest.devDependencies };
  const missing = Object.keys(deps).filter((name) => !existsSync(join(dir, 'node_modules', name, 'package.json')));
  if (missing.length) {
    // A plain `npm install` also prunes the --no-save tidings: it is reinstalled below.
    await runOk('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
    done.push(`npm install (${missing.join(', ')})`);
  }
  if (!installedMatches(dir, files)) {
    await runOk('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: dir });
    if (!installedMatches(dir, files)) throw new Error(`${dir}: node_modules/tidings does not match ${tarball} after npm install`);
    done.push('npm install --no-save <tarball>');
  }
  return done;
}
