import type { Lang } from '../shared/errors.js';

/** Every text of `batch`, `batch report` and `worker`, in English and French. */
export const batchMessages = {
  'batch.description': { en: 'audit every URL or domain of a targets file (text: one per line; CSV: url,name,group,policy); resumes where it stopped when run again', fr: 'audite chaque URL ou domaine d’un fichier de cibles (texte : une par ligne ; CSV : url,name,group,policy) ; reprend là où il s’était arrêté quand on le relance' },
  'batch.targets': { en: 'targets file (.txt or .csv)', fr: 'fichier de cibles (.txt ou .csv)' },
  'batch.outputDir': { en: 'directory of the batch: its database (without --database), one JSON report per target and the ranking', fr: 'répertoire du lot : sa base de données (sans --database), un rapport JSON par cible et le classement' },
  'batch.concurrency': { en: 'targets audited at once (default 2)', fr: 'cibles auditées en même temps (par défaut 2)' },
  'batch.database': { en: 'postgres://… to share the queue with `souverain worker` on other machines (default: SQLite in the output directory)', fr: 'postgres://… pour partager la file avec `souverain worker` sur d’autres machines (par défaut : SQLite dans le répertoire de sortie)' },
  'batch.lease': { en: 'seconds a worker may hold a target before another takes it over (default: from --timeout and --pages)', fr: 'secondes pendant lesquelles un worker peut garder une cible avant qu’un autre la reprenne (par défaut : selon --timeout et --pages)' },
  'batch.noWork': { en: 'do not audit in this process: only enqueue, wait for workers and write the ranking', fr: 'n’audite pas dans ce processus : met en file, attend les workers et écrit le classement' },
  'batch.report.description': { en: 'write the ranking of a batch directory (CSV, JSON, HTML) from its database, at any time', fr: 'écrit le classement d’un répertoire de lot (CSV, JSON, HTML) depuis sa base, à tout moment' },
  'batch.report.dir': { en: 'the batch output directory', fr: 'le répertoire de sortie du lot' },
  'batch.resuming': { en: 'resuming: {done} of {total} targets already audited', fr: 'reprise : {done} cibles sur {total} déjà auditées' },
  'batch.finished': { en: 'batch finished: {complete} audited, {failed} failed, of {total}; ranking: {files}', fr: 'lot terminé : {complete} auditées, {failed} en échec, sur {total} ; classement : {files}' },
  'batch.interrupted': { en: 'interrupted: {done} of {total} targets stored; run the same command again to resume', fr: 'interrompu : {done} cibles sur {total} enregistrées ; relancez la même commande pour reprendre' },
  'batch.reportWritten': { en: 'ranking of {total} targets written: {files}', fr: 'classement de {total} cibles écrit : {files}' },
  'worker.description': { en: 'take audit jobs from the shared PostgreSQL queue (batch and server) until stopped', fr: 'prend des tâches d’audit dans la file PostgreSQL partagée (lots et serveur) jusqu’à l’arrêt' },
  'worker.database': { en: 'postgres://… of the shared queue', fr: 'postgres://… de la file partagée' },
  'worker.concurrency': { en: 'jobs run at once (default 1)', fr: 'tâches menées en même temps (par défaut 1)' },
  'worker.exitWhenIdle': { en: 'stop when the queue is empty', fr: 's’arrête quand la file est vide' },
  'worker.started': { en: 'worker {name} taking jobs from {database} (concurrency {concurrency})', fr: 'worker {name} prend des tâches dans {database} (concurrence {concurrency})' },
  'worker.job': { en: '{status} {url} ({verdict}){stored}', fr: '{status} {url} ({verdict}){stored}' },
  'worker.duplicate': { en: ' — already stored by another worker', fr: ' — déjà enregistré par un autre worker' },
} as const;

export type BatchMessageKey = keyof typeof batchMessages;

export function batchMsg(lang: Lang, key: BatchMessageKey, params: Record<string, string | number> = {}): string {
  return batchMessages[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
