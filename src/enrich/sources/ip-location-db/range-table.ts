/**
 * Sorted, inclusive IP ranges read from ip-location-db's `*-num.csv` files into typed arrays,
 * searched by binary search. Parsing walks the bytes once: no line splitting and no string per row.
 *
 * Memory (issue 8 budget: every table within 150 MB RSS): a file is read in 1 MiB blocks, never
 * whole, and AS organisation names are kept once each in a small buffer (the 400,000 IPv4 rows carry
 * about 84,000 names) and decoded on look-up. Holding the files whole cost ≈ 60 MB at load time and
 * ≈ 32 MB for as long as the process lived.
 *
 * Rows are sorted by start. The country files contain a few nested ranges (a /32 inside a larger
 * block, the rest of the block listed again after it, or not): when the last range starting at or
 * before an address does not cover it, a few rows are searched backwards for an enclosing one.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const DIGIT_0 = 0x30;
/** How far back to look for an enclosing range when the nearest one does not cover the address. */
const NESTING_LOOKBACK = 16;
const BLOCK_BYTES = 1 << 20;

export type ValueKind = 'number' | 'country';
type IpVersion = 4 | 6;

/** The value columns a table keeps for each row: a number (ASN), a text (AS org) or a country code. */
export interface RangeTable {
  readonly rows: number;
  /** Row index of the range containing the address, or -1. */
  find(address: number | readonly number[]): number;
  number(row: number): number;
  text(row: number): string;
}

/** Parses an IPv4 `start,end,value[,text]` table held in memory: starts and ends are 32-bit numbers. */
export function parseIpv4Table(bytes: Buffer, valueKind: ValueKind): RangeTable {
  return tableFromBlocks(4, valueKind, [[bytes, bytes.length]]);
}

/** Parses an IPv6 table held in memory: starts and ends are 128-bit decimals, kept as 4 limbs each. */
export function parseIpv6Table(bytes: Buffer, valueKind: ValueKind): RangeTable {
  return tableFromBlocks(6, valueKind, [[bytes, bytes.length]]);
}

/** Reads a table file block by block (see the file comment): the same table as parsing it whole. */
export function readTableFile(path: string, version: IpVersion, valueKind: ValueKind): RangeTable {
  let capacity = 0;
  for (const [block, end] of lineBlocks(path)) capacity += countLines(block, end);
  return tableFromBlocks(version, valueKind, lineBlocks(path), capacity);
}

/**
 * The file's bytes as blocks of whole lines: each yielded buffer holds complete lines in [0, end).
 * The buffer is reused (and grows only for a line longer than a block), so a consumer must not keep it.
 */
function* lineBlocks(path: string): Generator<[Buffer, number]> {
  const fd = openSync(path, 'r');
  try {
    let buffer: Buffer = Buffer.allocUnsafeSlow(BLOCK_BYTES);
    let carried = 0;
    for (;;) {
      if (carried === buffer.length) buffer = grown(buffer);
      const read = readSync(fd, buffer, carried, buffer.length - carried, null);
      const filled = carried + read;
      if (read === 0) {
        if (filled > 0) yield [buffer, filled];
        return;
      }
      const lastNewline = buffer.lastIndexOf(NEWLINE, filled - 1);
      if (lastNewline === -1) {
        carried = filled;
        continue;
      }
      yield [buffer, lastNewline + 1];
      carried = buffer.copy(buffer, 0, lastNewline + 1, filled);
    }
  } finally {
    closeSync(fd);
  }
}

function grown(buffer: Buffer): Buffer {
  const bigger = Buffer.allocUnsafeSlow(buffer.length * 2);
  buffer.copy(bigger);
  return bigger;
}

/** Rows in bytes[0, end): an upper bound (blank lines count). */
function countLines(bytes: Buffer, end: number): number {
  let lines = 0;
  for (let i = bytes.indexOf(NEWLINE); i !== -1 && i < end; i = bytes.indexOf(NEWLINE, i + 1)) lines++;
  return end > 0 && bytes[end - 1] !== NEWLINE ? lines + 1 : lines;
}

function tableFromBlocks(version: IpVersion, valueKind: ValueKind, blocks: Iterable<[Buffer, number]>, knownCapacity?: number): RangeTable {
  let builder: TableBuilder | undefined;
  for (const [bytes, end] of blocks) {
    builder ??= new TableBuilder(version, valueKind, knownCapacity ?? countLines(bytes, end), hasFourthColumn(bytes, end));
    builder.addLines(bytes, end);
  }
  return (builder ?? new TableBuilder(version, valueKind, 0, false)).finish();
}

function hasFourthColumn(bytes: Buffer, end: number): boolean {
  const firstLineEnd = bytes.indexOf(NEWLINE);
  const lineEnd = firstLineEnd === -1 || firstLineEnd > end ? end : firstLineEnd;
  let commas = 0;
  for (let i = 0; i < lineEnd; i++) if (bytes[i] === COMMA) commas++;
  return commas >= 3;
}

/** Rows parsed so far; `finish()` trims the arrays to the rows read. */
class TableBuilder {
  private rows = 0;
  private readonly limbs: number;
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly values: Uint32Array;
  private readonly texts: DistinctTexts | undefined;

  constructor(private readonly version: IpVersion, private readonly kind: ValueKind, capacity: number, hasText: boolean) {
    this.limbs = version === 4 ? 1 : 4;
    this.starts = new Uint32Array(capacity * this.limbs);
    this.ends = new Uint32Array(capacity * this.limbs);
    this.values = new Uint32Array(capacity);
    this.texts = hasText ? new DistinctTexts(capacity) : undefined;
  }

  /** Parses the whole lines in bytes[0, end). */
  addLines(bytes: Buffer, end: number): void {
    let position = 0;
    while (position < end) {
      if (bytes[position] === NEWLINE || bytes[position] === CARRIAGE_RETURN) { position++; continue; }
      const row = this.rows++;
      if (this.version === 4) {
        position = readDecimal32(bytes, position, end, this.starts, row) + 1;
        position = readDecimal32(bytes, position, end, this.ends, row) + 1;
      } else {
        position = readDecimal128(bytes, position, end, this.starts, row * 4) + 1;
        position = readDecimal128(bytes, position, end, this.ends, row * 4) + 1;
      }
      position = this.readValueColumns(bytes, position, end, row);
    }
  }

  finish(): RangeTable {
    const starts = this.starts.subarray(0, this.rows * this.limbs);
    const ends = this.ends.subarray(0, this.rows * this.limbs);
    const accessors = valueAccessors(this.values, this.texts?.compacted());
    return this.version === 4 ? ipv4Table(starts, ends, accessors) : ipv6Table(starts, ends, accessors);
  }

  /**
   * Reads column 3 at `position` and, when the file has one, column 4 (the AS name, the rest of the
   * line); returns the position after the line. The rest of the line is found with the native
   * `indexOf`, not byte by byte: most of a file's bytes are AS names.
   */
  private readValueColumns(bytes: Buffer, position: number, end: number, row: number): number {
    let value = 0;
    if (this.kind === 'number') {
      while (position < end && bytes[position] !== COMMA && bytes[position] !== NEWLINE && bytes[position] !== CARRIAGE_RETURN) {
        value = value * 10 + ((bytes[position++] as number) - DIGIT_0);
      }
    } else {
      value = (((bytes[position] as number) << 8) | (bytes[position + 1] as number)) >>> 0;
      position += 2;
    }
    this.values[row] = value;
    const newline = bytes.indexOf(NEWLINE, position);
    const lineEnd = newline === -1 || newline > end ? end : newline;
    if (this.texts && bytes[position] === COMMA) {
      this.texts.add(row, value, bytes, position + 1, bytes[lineEnd - 1] === CARRIAGE_RETURN ? lineEnd - 1 : lineEnd);
    }
    return lineEnd + 1;
  }
}

/**
 * The distinct texts of column 4, copied out of the file as they are first met. A row's text is
 * compared only with the texts already kept for the same column-3 value (an AS number nearly always
 * keeps one name), byte for byte, so no string is built per row. The value → first text index is an
 * open-addressing table in typed arrays: a `Map` of 400,000 look-ups cost more than the parse itself.
 */
class DistinctTexts {
  /** Per row, 1 + the index of its text; 0 when the row has none. */
  private readonly rowText: Uint32Array;
  private buffer: Buffer = Buffer.allocUnsafeSlow(1 << 16);
  private used = 0;
  private start: Uint32Array = new Uint32Array(1 << 12);
  private end: Uint32Array = new Uint32Array(1 << 12);
  /** Chains the texts kept for one value: index of the next one + 1, 0 ends. */
  private nextSameValue: Uint32Array = new Uint32Array(1 << 12);
  private count = 0;
  private readonly slotValue: Uint32Array;
  /** 1 + the index of the first text kept for the value in the slot; 0 = free slot. */
  private readonly slotFirst: Uint32Array;
  private readonly slotMask: number;

  constructor(capacity: number) {
    this.rowText = new Uint32Array(capacity);
    let slots = 1 << 10;
    while (slots < capacity * 2) slots *= 2;
    this.slotValue = new Uint32Array(slots);
    this.slotFirst = new Uint32Array(slots);
    this.slotMask = slots - 1;
  }

  add(row: number, value: number, bytes: Buffer, start: number, end: number): void {
    let slot = Math.imul(value, 0x9e3779b1) & this.slotMask;
    while (this.slotFirst[slot] !== 0 && this.slotValue[slot] !== value) slot = (slot + 1) & this.slotMask;
    let last = -1;
    for (let index = (this.slotFirst[slot] as number) - 1; index !== -1; index = (this.nextSameValue[index] as number) - 1) {
      if (this.equals(index, bytes, start, end)) {
        this.rowText[row] = index + 1;
        return;
      }
      last = index;
    }
    const index = this.keep(bytes, start, end);
    if (last === -1) {
      this.slotValue[slot] = value;
      this.slotFirst[slot] = index + 1;
    } else {
      this.nextSameValue[last] = index + 1;
    }
    this.rowText[row] = index + 1;
  }

  /** Byte comparison in JS: for names of ~20 bytes it is faster than the native `compare` call. */
  private equals(index: number, bytes: Buffer, start: number, end: number): boolean {
    let kept = this.start[index] as number;
    if ((this.end[index] as number) - kept !== end - start) return false;
    const buffer = this.buffer;
    for (let i = start; i < end; i++, kept++) if (buffer[kept] !== bytes[i]) return false;
    return true;
  }

  /** Copies bytes[start, end) after the texts kept so far; returns its index. */
  private keep(bytes: Buffer, start: number, end: number): number {
    if (this.count === this.start.length) {
      this.start = grownArray(this.start);
      this.end = grownArray(this.end);
      this.nextSameValue = grownArray(this.nextSameValue);
    }
    while (this.used + (end - start) > this.buffer.length) this.buffer = grown(this.buffer);
    const index = this.count++;
    this.start[index] = this.used;
    const buffer = this.buffer;
    for (let i = start; i < end; i++) buffer[this.used++] = bytes[i] as number;
    this.end[index] = this.used;
    return index;
  }

  /** What look-ups need, trimmed to the texts kept. */
  compacted(): TextColumn {
    const bytes = Buffer.allocUnsafeSlow(this.used);
    this.buffer.copy(bytes, 0, 0, this.used);
    return { rowText: this.rowText, start: this.start.slice(0, this.count), end: this.end.slice(0, this.count), bytes };
  }
}

function grownArray(array: Uint32Array): Uint32Array {
  const bigger = new Uint32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

interface TextColumn {
  rowText: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
  bytes: Buffer;
}

/** Reads a decimal of up to 10 digits (an IPv4 address as a number) into target[row]. */
function readDecimal32(bytes: Buffer, position: number, end: number, target: Uint32Array, row: number): number {
  let value = 0;
  while (position < end && bytes[position] !== COMMA) value = value * 10 + ((bytes[position++] as number) - DIGIT_0);
  target[row] = value;
  return position;
}

/**
 * Reads a decimal of up to 39 digits into 4 base-2^32 limbs, most significant first. Digits are
 * taken 9 at a time into eight 16-bit limbs, so every product stays exact in a double
 * (65536 × 10^9 < 2^53) — about four times fewer operations than digit by digit.
 */
function readDecimal128(bytes: Buffer, position: number, end: number, target: Uint32Array, offset: number): number {
  const limbs = DECIMAL_LIMBS;
  limbs.fill(0);
  while (position < end && bytes[position] !== COMMA) {
    let chunk = 0;
    let scale = 1;
    while (scale < 1e9 && position < end && bytes[position] !== COMMA) {
      chunk = chunk * 10 + ((bytes[position++] as number) - DIGIT_0);
      scale *= 10;
    }
    let carry = chunk;
    for (let i = 7; i >= 0; i--) {
      const value = (limbs[i] as number) * scale + carry;
      carry = Math.floor(value / 65536);
      limbs[i] = value - carry * 65536;
    }
  }
  for (let i = 0; i < 4; i++) target[offset + i] = (((limbs[2 * i] as number) << 16) | (limbs[2 * i + 1] as number)) >>> 0;
  return position;
}

/** Scratch space of readDecimal128: eight 16-bit limbs, most significant first. */
const DECIMAL_LIMBS = new Float64Array(8);

function decodeText(bytes: Buffer, start: number, end: number): string {
  const raw = bytes.toString('utf8', start, end);
  return raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw;
}

interface ValueAccessors {
  number(row: number): number;
  text(row: number): string;
}

/** Row accessors: the AS name from the text column, else the country code packed in `values`. */
function valueAccessors(values: Uint32Array, texts: TextColumn | undefined): ValueAccessors {
  return {
    number: (row: number) => values[row] as number,
    text: (row: number) => {
      if (texts) {
        const index = (texts.rowText[row] as number) - 1;
        return index < 0 ? '' : decodeText(texts.bytes, texts.start[index] as number, texts.end[index] as number);
      }
      const packed = values[row] as number;
      return String.fromCharCode(packed >>> 8, packed & 0xff);
    },
  };
}

function ipv4Table(starts: Uint32Array, ends: Uint32Array, accessors: ValueAccessors): RangeTable {
  const find = (address: number | readonly number[]): number => {
    const ip = typeof address === 'number' ? address : -1;
    let low = 0;
    let high = starts.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if ((starts[middle] as number) <= ip) low = middle + 1;
      else high = middle - 1;
    }
    for (let row = high; row >= 0 && row > high - NESTING_LOOKBACK; row--) {
      if ((ends[row] as number) >= ip) return row;
    }
    return -1;
  };
  return { rows: starts.length, find, ...accessors };
}

function compare128(limbs: Uint32Array, offset: number, address: readonly number[]): number {
  for (let i = 0; i < 4; i++) {
    const difference = (limbs[offset + i] as number) - (address[i] as number);
    if (difference !== 0) return difference;
  }
  return 0;
}

function ipv6Table(starts: Uint32Array, ends: Uint32Array, accessors: ValueAccessors): RangeTable {
  const rows = starts.length / 4;
  const find = (address: number | readonly number[]): number => {
    if (typeof address === 'number') return -1;
    let low = 0;
    let high = rows - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (compare128(starts, middle * 4, address) <= 0) low = middle + 1;
      else high = middle - 1;
    }
    for (let row = high; row >= 0 && row > high - NESTING_LOOKBACK; row--) {
      if (compare128(ends, row * 4, address) >= 0) return row;
    }
    return -1;
  };
  return { rows, find, ...accessors };
}
