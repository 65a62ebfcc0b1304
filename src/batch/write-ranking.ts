import { join } from 'node:path';
import type { Lang } from '../shared/errors.js';
import type { Store } from '../store/database.js';
import { writeFileAtomic } from './atomic-write.js';
import { rankingCsv } from './formats/csv.js';
import { rankingHtml } from './formats/html.js';
import { rankingJson } from './formats/json.js';
import { loadRanking, type Ranking } from './ranking.js';

/** Writes DIR/ranking.csv, ranking.json and ranking.html (each atomically); returns their paths. */
export async function writeRanking(store: Store, batchId: string, outputDir: string, lang: Lang): Promise<{ files: string[]; ranking: Ranking }> {
  const ranking = await loadRanking(store, batchId);
  const files = [join(outputDir, 'ranking.csv'), join(outputDir, 'ranking.json'), join(outputDir, 'ranking.html')];
  await writeFileAtomic(files[0]!, rankingCsv(ranking));
  await writeFileAtomic(files[1]!, rankingJson(ranking));
  await writeFileAtomic(files[2]!, rankingHtml(ranking, lang));
  return { files, ranking };
}
