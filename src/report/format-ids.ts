/**
 * The ids of the report formats, without loading any renderer: `--help` lists them. A test checks
 * that this list equals the registry in report/index.ts (add a format to both).
 */
export const FORMAT_IDS = ['terminal', 'json', 'html', 'sarif', 'junit', 'markdown', 'csv', 'pdf'] as const;
