/**
 * The reference and starter trees on disk: reading them, comparing them, writing the starter.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceTree } from './generate';

/** The repository's root folder. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Where the reference stack lives. */
export const REFERENCE_DIR = path.join(REPO_ROOT, 'reference');
/** Where the generated starter lives. */
export const STARTER_DIR = path.join(REPO_ROOT, 'starter');

/** Every file under `root`, by `/`-separated path relative to it; empty when `root` does not exist. */
export function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!fs.existsSync(root)) return files;
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, absolute).split(path.sep).join('/'), fs.readFileSync(absolute, 'utf8'));
  }
  return files;
}

/** How `actual` differs from `expected`, one line per file (empty when they are the same). */
export function diffTrees(expected: SourceTree, actual: SourceTree): string[] {
  const differences: string[] = [];
  for (const [file, text] of expected) {
    const present = actual.get(file);
    if (present === undefined) differences.push(`${file} (missing)`);
    else if (present !== text) differences.push(`${file} (differs)`);
  }
  for (const file of actual.keys()) {
    if (!expected.has(file)) differences.push(`${file} (should not exist)`);
  }
  return differences.sort();
}

/** Make the tree under `root` exactly `files`: write what differs, delete what should not be there. */
export function writeTree(root: string, files: SourceTree): void {
  const existing = readTree(root);
  for (const file of existing.keys()) {
    if (!files.has(file)) fs.rmSync(path.join(root, file));
  }
  for (const [file, text] of files) {
    if (existing.get(file) === text) continue;
    const absolute = path.join(root, file);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    fs.writeFileSync(absolute, text);
  }
}
