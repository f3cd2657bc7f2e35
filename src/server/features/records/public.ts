export { runRetention, previewRetention, type RetentionReport, type RetentionCounts } from './retention.service.js';
export { recordsRoutes } from './records.routes.js';
export { formatRetentionReport } from './retention.format.js';
