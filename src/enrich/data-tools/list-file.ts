/**
 * The coverage lists under data/ecosystem/ (services, infrastructure providers, global networks) are
 * optional: a checkout without one still runs `data stats`. Read through the one data-file reader, a
 * malformed list is a usage error naming file, line and field, like every other data file.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { parseDataFile, type FileKind } from '../../shared/data-file.js';

/** The parsed list, or undefined when the file does not exist (or cannot be read). */
export async function readOptionalListFile<S extends z.ZodType>(file: string, schema: S, kind: FileKind): Promise<z.output<S> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  return parseDataFile(text, file, schema, kind);
}
