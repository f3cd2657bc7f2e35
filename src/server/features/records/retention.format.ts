import { RETENTION_TABLE } from '../../../domain/retention.js';
import type { RetentionReport } from './retention.service.js';

/** The CLI's table: one line per record type — how many erased or pruned (or would be), and the rule. */
export function formatRetentionReport(report: RetentionReport, adviceRetentionDays: number): string {
  const verb = report.dryRun ? 'would erase/prune' : 'erased/pruned';
  const lines = [
    `Retention ${report.dryRun ? 'preview' : 'run'} as of ${report.asOf} (ADVICE_RETENTION_DAYS=${adviceRetentionDays}); the rules: docs/records-retention.md`,
    `${'record type'.padEnd(24)} ${verb.padStart(17)}  rule`,
  ];
  for (const rule of RETENTION_TABLE) {
    const note = rule.type === 'finished_job' ? ' [deleted by pg-boss itself]' : '';
    lines.push(`${rule.type.padEnd(24)} ${String(report.counts[rule.type]).padStart(17)}  ${rule.periodText}${note}`);
  }
  const kept = Object.entries(report.kept);
  if (kept.length) lines.push(`Closed identified contacts kept: ${kept.map(([why, n]) => `${n} ${why.replace(/_/g, ' ')}`).join(', ')}.`);
  return lines.join('\n');
}
