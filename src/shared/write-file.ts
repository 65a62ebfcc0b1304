/**
 * Writing outputs safely: every file is written to a temporary file in the same directory and
 * renamed over the destination, so a reader never sees half a report and an interrupted run leaves
 * the old file intact. A destination that exists and is not a regular file — a symbolic link, a
 * FIFO, a device, a directory — is refused: following a link could overwrite any file the user can
 * write (as root: anything), replacing it would silently break the link (docs/decisions/0014-hostile-input.md).
 *
 * Destinations are checked before the audit starts ({@link checkOutputFile}, {@link checkEvidenceDirectory}),
 * so a typo costs a second, not a whole crawl.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { LocalisedUsageError, type LocalisedText } from './errors.js';

const CHOOSE_ANOTHER: LocalisedText = {
  en: 'give a path to a regular file in a writable directory (or none, to write to standard output)',
  fr: 'donnez le chemin d’un fichier ordinaire dans un dossier accessible en écriture (ou aucun, pour écrire sur la sortie standard)',
};

function kindOf(info: Awaited<ReturnType<typeof lstat>>): LocalisedText | undefined {
  if (info.isFile()) return undefined;
  if (info.isSymbolicLink()) return { en: 'is a symbolic link (not followed)', fr: 'est un lien symbolique (non suivi)' };
  if (info.isDirectory()) return { en: 'is a directory', fr: 'est un dossier' };
  return { en: 'is not a regular file (FIFO, device or socket)', fr: 'n’est pas un fichier ordinaire (FIFO, périphérique ou socket)' };
}

function cannotWrite(path: string, reason: string): LocalisedUsageError {
  return new LocalisedUsageError(
    { en: `cannot write ${path} (${reason})`, fr: `impossible d’écrire ${path} (${reason})` },
    CHOOSE_ANOTHER,
  );
}

/** Refuses a destination that exists and is not a regular file. */
async function refuseSpecial(path: string): Promise<void> {
  const info = await lstat(path).catch(() => undefined);
  const kind = info ? kindOf(info) : undefined;
  if (kind) throw new LocalisedUsageError({ en: `output ${path} ${kind.en}`, fr: `la sortie ${path} ${kind.fr}` }, CHOOSE_ANOTHER);
}

/**
 * Creates `dir` and its missing parents one level at a time. Node's own recursive mkdir loops
 * forever (100 % CPU) under /proc, where mkdir fails with ENOENT on an existing parent.
 */
export async function makeDirectories(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(dir);
  for (;;) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
    if (info?.isDirectory()) break;
    if (info) throw Object.assign(new Error(`${current} is not a directory`), { code: 'ENOTDIR' });
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing) {
    await mkdir(path).catch((error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? undefined : Promise.reject(error)));
  }
}

/** Creates `dir` (and parents) and proves it takes a new file; a usage error otherwise. */
async function provideWritableDirectory(dir: string, shown: string): Promise<void> {
  const probe = join(dir, `.souverain-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await makeDirectories(dir);
    const handle = await open(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    await handle.close();
    await unlink(probe);
  } catch (error) {
    throw cannotWrite(shown, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
}

/**
 * Checks, before any work, that `path` can receive an output: it is absent or a regular file, and its
 * directory exists (or can be created) and accepts a new file.
 */
export async function checkOutputFile(path: string): Promise<void> {
  await refuseSpecial(path);
  await provideWritableDirectory(dirname(path), path);
}

/**
 * Writes `content` to `path` atomically: a temporary file beside it (created exclusively, never
 * through a link), flushed, then renamed over the destination.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await refuseSpecial(path);
  const dir = dirname(path);
  const temporary = join(dir, `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await makeDirectories(dir);
    const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // A link or special file put there while we wrote is refused rather than replaced.
    await refuseSpecial(path);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    if (error instanceof LocalisedUsageError) throw error;
    throw cannotWrite(path, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
}

/**
 * Checks, before any work, that `dir` can receive an evidence bundle: absent (it is created now) or
 * an empty directory — never a link — that accepts new files.
 */
export async function checkEvidenceDirectory(dir: string): Promise<void> {
  const info = await lstat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) {
    const kind = kindOf(info) ?? { en: 'is a file', fr: 'est un fichier' };
    throw new LocalisedUsageError(
      { en: `evidence directory ${dir} ${kind.en}`, fr: `le dossier de preuves ${dir} ${kind.fr}` },
      { en: 'give a new or empty directory to --evidence', fr: 'donnez à --evidence un dossier nouveau ou vide' },
    );
  }
  if (info && (await readdir(dir)).length > 0) {
    throw new LocalisedUsageError(
      { en: `evidence directory ${dir} is not empty`, fr: `le dossier de preuves ${dir} n’est pas vide` },
      { en: 'give a new or empty directory to --evidence, so no old file is mixed into the bundle', fr: 'donnez à --evidence un dossier nouveau ou vide, pour qu’aucun ancien fichier ne se mêle aux preuves' },
    );
  }
  await provideWritableDirectory(dir, dir);
}
