/** The guidance levels' pages and sections (issue 17); see the files beside this one. */
export { CasePage, CASE_PATH } from './CasePage';
export { PersonPage, PERSON_PATH } from './PersonPage';
export { GuidanceSection } from './GuidanceSection';
export { ensureGuidanceMessages } from './messages';
