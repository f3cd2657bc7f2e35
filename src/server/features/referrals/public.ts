export { referralsRoutes } from './referrals.routes.js';
export { escalateReferrals } from './referrals.service.js';
export { erasePersonalDataOfReferrals } from './snapshot.js';
