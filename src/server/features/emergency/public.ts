export { emergencyRoutes } from './emergency.routes.js';
export { handOffIfOutOfHours, handOffWaiting, isSocialEmergencyOpen, setSocialEmergencyHours, socialEmergencyOf, type SocialEmergency } from './emergency.service.js';
export { emergencyHandoffSchema, type EmergencyHandoff } from './emergency.schemas.js';
