/**
 * Reading a file named by the user or listed in a bundle without being fooled by it: only a regular
 * file is read (a FIFO would block forever, /dev/zero never ends, a directory is not text), and only
 * up to a size cap (a 500 MB "report" must not exhaust memory). The file is opened non-blocking and
 * checked with fstat on the open descriptor, so there is no window between the check and the read.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { LocalisedUsageError, type LocalisedText } from './errors.js';

/** Default cap for a text file the user gives (policy, report, baseline, journey, config, data). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export interface RegularFileOptions {
  /** What the file is, for the error line ("policy file", « fichier de politique »). */
  what: LocalisedText;
  /** Refuse more than this many bytes. Default {@link MAX_INPUT_BYTES}. */
  maxBytes?: number;
  /** Do not follow a symbolic link in the last path component (evidence bundles). */
  noFollow?: boolean;
}

/** Why a path cannot be read as a regular file, or undefined when it is one. */
export type NotRegular = 'missing' | 'symlink' | 'directory' | 'special' | 'too-large' | 'unreadable';

/** The outcome of {@link tryReadRegularFile}: the bytes, or why not. */
export type RegularRead = { ok: true; content: Buffer } | { ok: false; reason: NotRegular; code?: string };

/** Reads a regular file, or says why it is not one (never throws, never blocks on a FIFO). */
export async function tryReadRegularFile(path: string, options: { maxBytes?: number; noFollow?: boolean } = {}): Promise<RegularRead> {
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0);
  let handle;
  try {
    handle = await open(path, flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', code };
    if (code === 'ELOOP') return { ok: false, reason: 'symlink', code };
    if (code === 'EISDIR') return { ok: false, reason: 'directory', code };
    if (code === 'ENXIO') return { ok: false, reason: 'special', code }; // a FIFO or socket with no writer
    return { ok: false, reason: 'unreadable', ...(code ? { code } : {}) };
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return { ok: false, reason: 'directory' };
    if (!info.isFile()) return { ok: false, reason: 'special' };
    if (info.size > maxBytes) return { ok: false, reason: 'too-large' };
    // Read at most maxBytes + 1, in case the file grows while we read it.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) return { ok: false, reason: 'too-large' };
      if (length === buffer.length) break;
    }
    return { ok: true, content: buffer.subarray(0, length) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'EISDIR' ? 'directory' : 'unreadable', ...(code ? { code } : {}) };
  } finally {
    await handle.close();
  }
}

const REASONS: Record<NotRegular, LocalisedText> = {
  missing: { en: 'does not exist', fr: 'n’existe pas' },
  symlink: { en: 'is a symbolic link (not followed)', fr: 'est un lien symbolique (non suivi)' },
  directory: { en: 'is a directory, not a file', fr: 'est un dossier, pas un fichier' },
  special: { en: 'is not a regular file (FIFO, device or socket)', fr: 'n’est pas un fichier ordinaire (FIFO, périphérique ou socket)' },
  'too-large': { en: 'is too large', fr: 'est trop gros' },
  unreadable: { en: 'cannot be read', fr: 'ne peut pas être lu' },
};

/** "is a symbolic link (not followed)": why a path was not read, in both languages. */
export function notRegularReason(reason: NotRegular, maxBytes = MAX_INPUT_BYTES): LocalisedText {
  if (reason !== 'too-large') return REASONS[reason];
  const mb = Math.round(maxBytes / 1024 / 1024);
  return { en: `is larger than ${mb} MB`, fr: `dépasse ${mb} Mo` };
}

/**
 * Reads a user-given file as UTF-8 text: a clear one-line error (exit 2) when it is missing, not a
 * regular file, unreadable or larger than the cap.
 *
 * @example await readRegularText('policy.yaml', { what: { en: 'policy file', fr: 'fichier de politique' } })
 */
export async function readRegularText(path: string, options: RegularFileOptions): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  const read = await tryReadRegularFile(path, { maxBytes, ...(options.noFollow ? { noFollow: true } : {}) });
  if (read.ok) return read.content.toString('utf8');
  const why = notRegularReason(read.reason, maxBytes);
  const code = read.code && read.reason === 'unreadable' ? ` (${read.code})` : '';
  throw new LocalisedUsageError(
    { en: `${options.what.en} ${path} ${why.en}${code}`, fr: `${options.what.fr} ${path} ${why.fr}${code}` },
    { en: 'give the path of a regular, readable file', fr: 'donnez le chemin d’un fichier ordinaire lisible' },
  );
}
