export { importPtvFolder, formatReport, type ImportReport } from './ptv.import.js';
export { cataloguePublicRoutes, catalogueStaffRoutes, catalogueEditorRoutes } from './catalogue.routes.js';
export { searchServices, refreshCatalogueWords } from './catalogue.queries.js';
export { receiptSuggestions } from './triage.service.js';
