export { referralsRoutes } from './referrals.routes.js';
export { escalateReferrals } from './referrals.service.js';
