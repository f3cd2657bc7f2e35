export { importPtvFolder, formatReport, type ImportReport } from './ptv.import.js';
export { cataloguePublicRoutes, catalogueStaffRoutes } from './catalogue.routes.js';
export { searchServices } from './catalogue.queries.js';
