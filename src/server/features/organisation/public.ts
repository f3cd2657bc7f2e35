export { organisationPublicRoutes, organisationStaffRoutes } from './organisation.routes.js';
export { loadDemoCounty, isEmpty as isDatabaseEmpty, seedDefaultCodes } from './organisation.seed.js';
export { DEMO_PASSWORD, DEMO_USERS, DEMO_COUNTY } from './demo-county.js';
export { resolveCountyId, countyLabels, receivingUnitByCode, phoneLinesWithHours, type LabelKind } from './organisation.queries.js';
