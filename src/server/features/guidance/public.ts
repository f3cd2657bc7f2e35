export { guidanceRoutes } from './guidance.routes.js';
export { guidanceFigures } from './guidance.statistics.js';
export type { GuidanceFigures } from './guidance.schemas.js';
export { guidanceFiguresSchema } from './guidance.schemas.js';
export { loadDemoGuidance } from './guidance.demo.js';
