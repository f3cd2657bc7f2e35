/** The guidance lists, the supervisor's view of cases, the battery editor and the figures (issue 17). */
export { CasesPage, CASES_PATH } from './CasesPage';
export { BatteriesPage, BATTERIES_PATH } from './BatteriesPage';
export { FollowUpsToday } from './FollowUpsToday';
export { GuidanceFigures } from './GuidanceFigures';
export { LevelBadge } from './LevelBadge';
export { ensureGuidanceAdminMessages } from './messages';
