export { statisticsRoutes } from './statistics.routes.js';
export { refreshStatistics } from './statistics.rollup.js';
