/** The baseline file's default name, on its own so the command line's help loads nothing else. */
export const DEFAULT_BASELINE_FILE = 'souverain-baseline.json';
