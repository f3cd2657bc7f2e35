import path from 'node:path';

/** Real data kept in the repository (fixtures/): the PTV export and the HSDS schemas. */
export const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures');
export const PTV_FIXTURE = path.join(FIXTURES, 'ptv-2017-vaasa-naantali');
export const HSDS_SCHEMAS = path.join(FIXTURES, 'hsds-3.0');
