/**
 * The leak check: does a student repository contain anything of {@link Secrets}? The exporter
 * runs it before writing anything, and a test runs it on a written export.
 */
import * as fs from 'node:fs';
import { listFiles } from '../../grader/files';
import type { Secrets } from './secrets';

/** Every leak in `files` (by path, with their text), one `path: what (why it is secret)` line each. */
export function findLeaks(files: ReadonlyMap<string, string>, secrets: Secrets): string[] {
  const leaks: string[] = [];
  for (const [file, text] of files) {
    const why = secrets.paths.get(file);
    if (why !== undefined) leaks.push(`${file}: the file itself (${why})`);
    for (const [secret, reason] of secrets.strings) {
      if (file.includes(secret)) leaks.push(`${file}: its path contains "${secret}" (${reason})`);
      if (text.includes(secret)) leaks.push(`${file}: "${secret}" (${reason})`);
    }
    text.split('\n').forEach((line, index) => {
      const reason = secrets.lines.get(line.trim());
      if (reason !== undefined) leaks.push(`${file}:${index + 1}: ${line.trim()} (${reason})`);
    });
  }
  return leaks;
}

/**
 * The files of a written repository as the leak check reads them: every regular file but those of
 * node_modules/ and .git/ (installed and history, not exported), by `/`-separated relative path.
 */
export function readRepository(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of listFiles(dir)) if (!file.symlink) files.set(file.relative, fs.readFileSync(file.absolute, 'utf8'));
  return files;
}
