/**
 * Sorted, inclusive IP ranges read from ip-location-db's `*-num.csv` files into typed arrays,
 * searched by binary search. Parsing walks the bytes once: no line splitting and no string per
 * row (AS organisation names stay as byte offsets into the file and are decoded on look-up).
 *
 * Rows are sorted by start. The country files contain a few nested ranges (a /32 inside a larger
 * block, the rest of the block listed again after it, or not): when the last range starting at or
 * before an address does not cover it, a few rows are searched backwards for an enclosing one.
 */

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const DIGIT_0 = 0x30;
/** How far back to look for an enclosing range when the nearest one does not cover the address. */
const NESTING_LOOKBACK = 16;

/** The value columns a table keeps for each row: a number (ASN), a text (AS org) or a country code. */
export interface RangeTable {
  readonly rows: number;
  /** Row index of the range containing the address, or -1. */
  find(address: number | readonly number[]): number;
  number(row: number): number;
  text(row: number): string;
}

interface Columns {
  /** Column 3 as a number (ASN) or as two letters packed in 16 bits (country). */
  values: Uint32Array;
  /** Byte offsets of column 4 (AS organisation), when the file has it. */
  textStart?: Uint32Array;
  textEnd?: Uint32Array;
}

/** Reads an IPv4 `start,end,value[,text]` file: starts and ends are 32-bit numbers. */
export function parseIpv4Table(bytes: Buffer, valueKind: 'number' | 'country'): RangeTable {
  const capacity = countLines(bytes);
  const starts = new Uint32Array(capacity);
  const ends = new Uint32Array(capacity);
  const columns = newColumns(capacity, bytes);
  let rows = 0;
  let position = 0;
  while (position < bytes.length) {
    if (bytes[position] === NEWLINE || bytes[position] === CARRIAGE_RETURN) { position++; continue; }
    let value = 0;
    while (position < bytes.length && bytes[position] !== COMMA) value = value * 10 + ((bytes[position++] as number) - DIGIT_0);
    starts[rows] = value;
    position++;
    value = 0;
    while (position < bytes.length && bytes[position] !== COMMA) value = value * 10 + ((bytes[position++] as number) - DIGIT_0);
    ends[rows] = value;
    position = readValueColumns(bytes, position + 1, columns, rows, valueKind);
    rows++;
  }
  return ipv4Table(starts.subarray(0, rows), ends.subarray(0, rows), columns, bytes);
}

/** Reads an IPv6 `start,end,value[,text]` file: starts and ends are 128-bit decimals, kept as 4 limbs each. */
export function parseIpv6Table(bytes: Buffer, valueKind: 'number' | 'country'): RangeTable {
  const capacity = countLines(bytes);
  const starts = new Uint32Array(capacity * 4);
  const ends = new Uint32Array(capacity * 4);
  const columns = newColumns(capacity, bytes);
  let rows = 0;
  let position = 0;
  while (position < bytes.length) {
    if (bytes[position] === NEWLINE || bytes[position] === CARRIAGE_RETURN) { position++; continue; }
    position = readDecimal128(bytes, position, starts, rows * 4) + 1;
    position = readDecimal128(bytes, position, ends, rows * 4) + 1;
    position = readValueColumns(bytes, position, columns, rows, valueKind);
    rows++;
  }
  return ipv6Table(starts.subarray(0, rows * 4), ends.subarray(0, rows * 4), columns, bytes);
}

function countLines(bytes: Buffer): number {
  let lines = 1;
  for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) lines++;
  return lines;
}

function newColumns(capacity: number, bytes: Buffer): Columns {
  const hasText = hasFourthColumn(bytes);
  return {
    values: new Uint32Array(capacity),
    ...(hasText ? { textStart: new Uint32Array(capacity), textEnd: new Uint32Array(capacity) } : {}),
  };
}

function hasFourthColumn(bytes: Buffer): boolean {
  const firstLineEnd = bytes.indexOf(NEWLINE);
  const line = bytes.subarray(0, firstLineEnd === -1 ? bytes.length : firstLineEnd);
  let commas = 0;
  for (const byte of line) if (byte === COMMA) commas++;
  return commas >= 3;
}

/**
 * Reads column 3 starting at `position` and notes where column 4 (the AS name, the rest of the line)
 * starts and ends; returns the position after the line. The rest of the line is skipped with the
 * native `indexOf`, not byte by byte: most of a file's bytes are AS names.
 */
function readValueColumns(bytes: Buffer, position: number, columns: Columns, row: number, kind: 'number' | 'country'): number {
  let value = 0;
  if (kind === 'number') {
    while (position < bytes.length && bytes[position] !== COMMA && bytes[position] !== NEWLINE && bytes[position] !== CARRIAGE_RETURN) {
      value = value * 10 + ((bytes[position++] as number) - DIGIT_0);
    }
  } else {
    value = (((bytes[position] as number) << 8) | (bytes[position + 1] as number)) >>> 0;
    position += 2;
  }
  columns.values[row] = value;
  const newline = bytes.indexOf(NEWLINE, position);
  const lineEnd = newline === -1 ? bytes.length : newline;
  if (columns.textStart && columns.textEnd && bytes[position] === COMMA) {
    columns.textStart[row] = position + 1;
    columns.textEnd[row] = bytes[lineEnd - 1] === CARRIAGE_RETURN ? lineEnd - 1 : lineEnd;
  }
  return lineEnd + 1;
}

/**
 * Reads a decimal of up to 39 digits into 4 base-2^32 limbs, most significant first. Digits are
 * taken 9 at a time into eight 16-bit limbs, so every product stays exact in a double
 * (65536 × 10^9 < 2^53) — about four times fewer operations than digit by digit.
 */
function readDecimal128(bytes: Buffer, position: number, target: Uint32Array, offset: number): number {
  const limbs = DECIMAL_LIMBS;
  limbs.fill(0);
  while (position < bytes.length && bytes[position] !== COMMA) {
    let chunk = 0;
    let scale = 1;
    while (scale < 1e9 && position < bytes.length && bytes[position] !== COMMA) {
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

/**
 * Row accessors. Only a table with a text column keeps the file's bytes: a country table holds
 * its codes in `values`, and keeping its file (8 MB IPv4, 17 MB IPv6) would be memory for nothing.
 */
function valueAccessors(columns: Columns, file: Buffer) {
  const bytes = columns.textStart ? file : undefined;
  return {
    number: (row: number) => columns.values[row] as number,
    text: (row: number) => {
      if (bytes && columns.textStart && columns.textEnd) {
        return decodeText(bytes, columns.textStart[row] as number, columns.textEnd[row] as number);
      }
      const packed = columns.values[row] as number;
      return String.fromCharCode(packed >>> 8, packed & 0xff);
    },
  };
}

function ipv4Table(starts: Uint32Array, ends: Uint32Array, columns: Columns, bytes: Buffer): RangeTable {
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
  return { rows: starts.length, find, ...valueAccessors(columns, bytes) };
}

function compare128(limbs: Uint32Array, offset: number, address: readonly number[]): number {
  for (let i = 0; i < 4; i++) {
    const difference = (limbs[offset + i] as number) - (address[i] as number);
    if (difference !== 0) return difference;
  }
  return 0;
}

function ipv6Table(starts: Uint32Array, ends: Uint32Array, columns: Columns, bytes: Buffer): RangeTable {
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
  return { rows, find, ...valueAccessors(columns, bytes) };
}
